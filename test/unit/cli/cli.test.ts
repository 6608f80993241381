/**
 * The `cce-operator` command as a process (node operator/main.ts, as the image and existing callers start it): exit
 * codes of validate, version, crds, and one-line failures (no stack trace, no endless retry) for a kubeconfig that is
 * missing or absent.
 */
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { allCrds } from '../../../operator/resources/crds.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

function cli(args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'operator', 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cce-operator CLI', function () {
  this.timeout(60000);
  let home: string;
  before(() => {
    home = mkdtempSync(join(tmpdir(), 'cce-cli-home-'));
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  it('validate config/samples exits 0; a broken manifest exits 1 with file:line on stdout', () => {
    expect(cli(['validate', 'config/samples']).code).to.equal(0);
    const bad = cli(['validate', 'test/unit/cli/fixtures/invalid/bad-enum.yaml']);
    expect(bad.code).to.equal(1);
    expect(bad.stdout).to.match(/^test\/unit\/cli\/fixtures\/invalid\/bad-enum\.yaml:13:29: error: /);
    expect(cli(['validate', 'no/such/dir']).code).to.equal(2);
  });

  it('version and crds', () => {
    expect(cli(['version']).stdout).to.match(/^cce-operator 0\.\d+\.\d+ \(node v24\./);
    const crds = parseAllDocuments(cli(['crds']).stdout).map((d) => d.toJSON() as { metadata: { name: string } });
    expect(crds.map((c) => c.metadata.name)).to.deep.equal(allCrds().map((c) => c.metadata.name));
  });

  it('a --kubeconfig that does not exist: one line, exit 2', () => {
    const r = cli(['--kubeconfig', '/nonexistent/kubeconfig', '--leader-elect=false']);
    expect({ code: r.code, stderr: r.stderr }).to.deep.equal({
      code: 2,
      stderr: 'cce-operator: cannot read kubeconfig /nonexistent/kubeconfig: no such file\n',
    });
  });

  it('no kubeconfig and not in a cluster: fails fast with one line instead of retrying http://localhost', () => {
    const r = cli(['run'], { KUBECONFIG: '', HOME: home, KUBERNETES_SERVICE_HOST: '' });
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/^cce-operator: no Kubernetes credentials: pass --kubeconfig .*\n$/);
  });

  it('an unknown command or flag: usage, exit 2', () => {
    expect(cli(['frobnicate']).code).to.equal(2);
    const r = cli(['--no-such-flag']);
    expect(r.code).to.equal(2);
    expect(r.stderr.split('\n').filter(Boolean)).to.have.length(1);
  });
});
