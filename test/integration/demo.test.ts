/** `make demo` end to end: its own kube-apiserver, the simulator, the operator and config/samples reach Ready. */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('make demo (hack/demo.ts --exit-when-ready)', () => {
  it('brings every sample to Ready and tears down cleanly', async function () {
    this.timeout(240000);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(root, 'hack', 'demo.ts'), '--exit-when-ready', '--job-seconds', '1', '--timeout', '180'],
      {
        cwd: root,
        maxBuffer: 32 * 1024 * 1024,
      },
    );
    expect(stdout).to.contain('All samples are Ready.');
    expect(stdout).to.match(/kubeconfig: +\S+\.demo\/kubeconfig/);
    expect(stdout).to.match(/ccecluster\.cce\.operator\.dev\/demo-cluster +Available/);
    expect(stdout).to.match(/cceaddon\.cce\.operator\.dev\/demo-metrics-server +Running +1\.3\.60 +True/);
    expect(stdout).to.match(/ccenodepool\.cce\.operator\.dev\/demo-general +Normal +2\/2 +True/);
  });
});
