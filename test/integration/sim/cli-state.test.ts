import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { P, clusterBody, startSim } from './helpers.js';

describe('sim: state file and CLI', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'cce-sim-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a restarted simulator keeps its cloud (state file written on change, loaded on start)', async () => {
    const stateFile = join(dir, 'state.json');
    const a = await startSim({ stateFile });
    const uid = (await a.call('POST', `${P}/clusters`, clusterBody('kept-one'))).body.metadata.uid as string;
    await a.sim.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).clusters).to.have.property(uid);
    const b = await startSim({ stateFile });
    const got = await b.call('GET', `${P}/clusters/${uid}`);
    expect(got.status).to.equal(200);
    expect(got.body.status.phase).to.equal('Available');
    await b.sim.close();
  });

  it('cce-sim prints exactly "cce-sim listening on http://127.0.0.1:<port>" and serves', async function () {
    this.timeout(30000);
    const child = spawn(
      process.execPath,
      ['sim/bin/cce-sim.js', '--port', '0', '--access-key', 'AK', '--secret-key', 'SK', '--project-id', 'p1', '--job-seconds', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      expect(line).to.match(/^cce-sim listening on http:\/\/127\.0\.0\.1:\d+\n$/);
      const url = line.trim().split(' ').pop() as string;
      const health = await fetch(`${url}/_sim/health`);
      expect(await health.json()).to.deep.equal({ ok: true });
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('cce-sim without required flags exits 2 naming the flag', async function () {
    this.timeout(30000);
    const child = spawn(process.execPath, ['sim/bin/cce-sim.js', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).to.equal(2);
    expect(err).to.match(/--access-key is required/);
  });
});
