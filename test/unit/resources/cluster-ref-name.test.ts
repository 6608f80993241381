import { expect } from 'chai';
import { allCrds } from '../../../operator/resources/crds.js';

/** Found by the chaos corpus: a control character in clusterRef.name was accepted and then waited on forever. */
describe('clusterRef.name is a Kubernetes object name, checked at apply', () => {
  for (const crd of allCrds().filter((c) => c.spec.names.kind !== 'CceCluster')) {
    it(crd.spec.names.kind, () => {
      const spec = crd.spec.versions[0]!.schema!.openAPIV3Schema!.properties!['spec']!;
      const name = spec.properties!['clusterRef']!.properties!['name']!;
      const re = new RegExp(name.pattern!);
      expect(
        ['demo-cluster', 'a', 'prod.eu-1'].filter((n) => !re.test(n)),
        'valid names',
      ).to.deep.equal([]);
      expect(
        ['bad\u0007name', 'line\nbreak', 'Upper', '-lead', 'trail-', 'rtl\u202e', ''].filter((n) => re.test(n)),
        'invalid names',
      ).to.deep.equal([]);
      expect(name.maxLength).to.equal(253);
    });
  }
});
