/**
 * `cce-operator validate` (operator/cli/validate): config/samples pass; each manifest of the broken corpus
 * (fixtures/invalid, one mistake per file, named in its first line) gives exactly one precise message, at the line
 * and column of the field, in the API server's words or the CRD rule's message.
 */
import { expect } from 'chai';
import { join, relative } from 'node:path';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestFiles } from '../../../operator/cli/validate/files.js';
import { formatProblem, sortProblems } from '../../../operator/cli/validate/problem.js';
import { validateFiles } from '../../../operator/cli/validate/validate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const fixtures = join(root, 'test', 'unit', 'cli', 'fixtures', 'invalid');

function lines(paths: string[], opts = {}): string[] {
  const result = validateFiles(manifestFiles(paths), opts);
  return sortProblems(result.problems).map((p) => formatProblem({ ...p, file: relative(root, p.file) }).replaceAll(`${root}/`, ''));
}

const F = 'test/unit/cli/fixtures/invalid';
const cases: Record<string, { reason: string; want: string }> = {
  'unknown-field.yaml': {
    reason: 'a typo is an unknown field, at its key',
    want: `${F}/unknown-field.yaml:14:3: error: CceCluster typo-cluster: spec.flavour: unknown field`,
  },
  'bad-enum.yaml': {
    reason: 'enum values listed',
    want: `${F}/bad-enum.yaml:13:29: error: CceCluster bad-mode: spec.containerNetwork.mode: Unsupported value: "flannel": supported values: "overlay_l2", "vpc-router", "underlay_ipvlan", "eni"`,
  },
  'missing-required.yaml': {
    reason: 'required field',
    want: `${F}/missing-required.yaml:7:3: error: CceCluster no-network: spec.hostNetwork: Required value`,
  },
  'autopilot-flavor.yaml': {
    reason: 'a CEL rule of the CRD',
    want: `${F}/autopilot-flavor.yaml:7:3: error: CceCluster autopilot-flavor: spec: spec.flavor must be cce.autopilot.cluster when spec.enableAutopilot is true`,
  },
  'cloud-name.yaml': {
    reason: "the root rule's messageExpression, evaluated",
    want: `${F}/cloud-name.yaml:2:1: error: CceCluster Prod_EU: metadata.name "Prod_EU" cannot be the cluster name in CCE (4-128 characters: lower-case letters, digits and -, starting with a letter, not ending with -); set spec.metadata.name to a valid name or rename the object`,
  },
  'cluster-version.yaml': {
    reason: 'a malformed Kubernetes version',
    want: `${F}/cluster-version.yaml:11:12: error: CceCluster no-v: spec.version: Invalid value: "1.28": should match '^v[0-9]+\\.[0-9]+(\\.[0-9]+)?(-r[0-9]+)?$'`,
  },
  'kubeconfig-rotation.yaml': {
    reason: 'a CEL rule reading a schema default (duration 30)',
    want: `${F}/kubeconfig-rotation.yaml:7:3: error: CceCluster rotate: spec: spec.kubeconfigSecretRef.rotateBeforeDays must be less than spec.kubeconfigSecretRef.duration (days of validity)`,
  },
  'pool-login.yaml': {
    reason: "a node pool's CEL rule",
    want: `${F}/pool-login.yaml:7:3: error: CceNodePool orphan-pool: spec: spec.nodeTemplate.login needs exactly one of sshKey and userPassword`,
  },
  'pool-missing-cluster.yaml': {
    reason: 'clusterRef to a cluster not in the set',
    want: `${F}/pool-missing-cluster.yaml:8:11: error: CceNodePool orphan-pool: spec.clusterRef.name: Not found: no CceCluster "no-such-cluster" (no namespace) among the validated manifests`,
  },
  'pool-on-autopilot.yaml': {
    reason: 'a node pool on an Autopilot cluster',
    want: `${F}/pool-on-autopilot.yaml:22:11: error: CceNodePool autopilot-pool: spec.clusterRef.name: Forbidden: CceCluster "autopilot" is a CCE Autopilot cluster (spec.enableAutopilot), which has no node pools`,
  },
  'addon-version.yaml': {
    reason: 'an add-on version that is no release number',
    want: `${F}/addon-version.yaml:11:12: error: CceAddon coredns: spec.version: Invalid value: "latest": an add-on version is a release number such as 1.3.60`,
  },
  'duplicate.yaml': {
    reason: 'one object twice',
    want: `${F}/duplicate.yaml:18:9: error: CceCluster twice: metadata.name: Duplicate value: also defined at ${F}/duplicate.yaml:5`,
  },
  'bad-yaml.yaml': {
    reason: 'a YAML syntax error',
    want: `${F}/bad-yaml.yaml:7:1: error: invalid YAML: Flow map in block collection must be sufficiently indented and end with a }`,
  },
  'unknown-kind.yaml': {
    reason: 'a kind of our group that does not exist',
    want: `${F}/unknown-kind.yaml:3:7: error: CceNodepool typo-kind: kind: no kind "CceNodepool" in cce.operator.dev/v1alpha1 (served: CceCluster, CceNodePool, CceAddon, CceClusterRegistration in cce.operator.dev/v1alpha1)`,
  },
};

describe('cce-operator validate', () => {
  it('config/samples: no problem, every object of ours checked', () => {
    const result = validateFiles(manifestFiles([join(root, 'config', 'samples')]));
    expect(result.problems.map(formatProblem)).to.deep.equal([]);
    expect(result.checked).to.equal(7);
  });

  it('the corpus covers every fixture file', () => {
    expect(manifestFiles([fixtures]).map((f) => relative(fixtures, f))).to.have.members(Object.keys(cases));
  });

  for (const [file, c] of Object.entries(cases)) {
    it(`${file}: ${c.reason}`, () => {
      expect(lines([join(fixtures, file)])).to.deep.equal([c.want]);
    });
  }

  it('--allow-missing-refs: a clusterRef outside the set is fine, an Autopilot cluster in it still is not', () => {
    expect(lines([join(fixtures, 'pool-missing-cluster.yaml')], { allowMissingRefs: true })).to.deep.equal([]);
    expect(lines([join(fixtures, 'pool-on-autopilot.yaml')], { allowMissingRefs: true })).to.have.length(1);
  });
});
