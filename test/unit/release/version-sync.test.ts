/**
 * One version for a release: package.json's version is the chart's version and appVersion (so the chart's default
 * image tag) and the image tag config/manager deploys (`make docker-build` tags the image with it).
 */
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

describe('release version', () => {
  const version = (JSON.parse(read('package.json')) as { version: string }).version;

  it('the chart has the package version as version and appVersion', () => {
    const chart = parse(read('charts/cce-operator/Chart.yaml')) as { version: string; appVersion: string };
    expect({ version: chart.version, appVersion: chart.appVersion }).to.deep.equal({ version, appVersion: version });
  });

  it('config/manager deploys the image cce-operator:<package version>', () => {
    const k = parse(read('config/manager/kustomization.yaml')) as { images: Array<{ name: string; newTag: string }> };
    expect(k.images).to.deep.equal([{ name: 'cce-operator', newTag: version }]);
    expect(read('config/manager/manager.yaml')).to.match(/^\s+image: cce-operator$/m);
  });
});
