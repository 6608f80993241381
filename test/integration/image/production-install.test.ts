/**
 * What the image does, without a container runtime or registry: the files the Dockerfile's COPY lines name (read from
 * the Dockerfile, so this follows it) and nothing else from .dockerignore's allow-list are copied to a clean
 * directory; `npm ci --omit=dev` installs the production dependencies as the deps stage does; the compile stage's
 * `tsc -p tsconfig.build.json` builds dist/ (with the clone's TypeScript and @types: the dev dependencies are not the image's);
 * then, in a runtime directory holding only package.json, node_modules and dist/ as the final stage does, the
 * image's command line (ENTRYPOINT + CMD) runs on the host: `--help`, `version`, `validate`, and a short run against
 * the real kube-apiserver that a SIGTERM ends with exit code 0.
 */
import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { testEnv } from '../setup.js';
import { installCrds } from '../support/crds.js';
import { parseImageRuntime } from '../../../hack/image-runtime.js';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

/** The sources `COPY <src...> <dest>` lines take from the build context (not --from=stage copies). */
function copiedFromContext(): string[] {
  const out: string[] = [];
  for (const m of dockerfile.matchAll(/^COPY\s+(?!--from)(.+)$/gm)) {
    const parts = (m[1] as string).trim().split(/\s+/);
    out.push(...parts.slice(0, -1));
  }
  return [...new Set(out)];
}

describe('the image, built and started on the host (no container runtime needed)', function () {
  this.timeout(300000);
  let work: string;
  let app: string;
  const image = parseImageRuntime(dockerfile);
  /** This process's environment plus the final stage's ENV (NODE_ENV, MALLOC_ARENA_MAX), as the container has it. */
  const imageEnv = { ...process.env, ...image.env };

  before(async function () {
    this.timeout(300000);
    work = mkdtempSync(join(tmpdir(), 'cce-image-'));
    const src = join(work, 'src');
    mkdirSync(src);
    for (const p of copiedFromContext()) cpSync(join(root, p), join(src, p), { recursive: true, filter: (f) => !f.endsWith('.test.ts') });
    const started = Date.now();
    await run('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], {
      cwd: src,
      maxBuffer: 64 << 20,
    });
    const installed = Date.now();
    // the compile stage has the dev dependencies: the clone's TypeScript and its @types (node's types are no
    // production dependency)
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    await run(process.execPath, [tsc, '-p', join(src, 'tsconfig.build.json'), '--typeRoots', join(root, 'node_modules', '@types')], {
      cwd: src,
      maxBuffer: 64 << 20,
    });
    const { stdout: du } = await run('du', ['-sh', join(src, 'node_modules')]);
    console.log(
      `      production install ${((installed - started) / 1000).toFixed(1)} s (node_modules ${du.split('\t')[0]}), build ${((Date.now() - installed) / 1000).toFixed(1)} s`,
    );
    // the final stage: package.json, node_modules, dist; no sources
    app = join(work, 'app');
    mkdirSync(app);
    for (const p of ['package.json', 'node_modules', 'dist']) renameSync(join(src, p), join(app, p));
    rmSync(src, { recursive: true, force: true });
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** The image's command line without `node`; container arguments replace CMD, as `docker run image ARGS` does. */
  function imageArgs(args: string[] | undefined): string[] {
    return args ? [...image.entrypointArgs, ...args] : image.command.slice(1);
  }

  it('the context holds no dev-only dependency in production: node_modules has no typescript, tsx or mocha', async () => {
    const { stdout } = await run('ls', [join(app, 'node_modules')]);
    expect(stdout.split('\n')).to.not.include.members(['typescript', 'tsx', 'mocha']);
    expect(stdout.split('\n')).to.include.members(['ajv', 'yaml', 'winston']);
  });

  it('--help, version and validate run from the production install', async () => {
    const help = await run(process.execPath, imageArgs(['--help']), { cwd: app, env: imageEnv });
    expect(help.stdout).to.match(/^Usage: cce-operator \[run\] \[flags\]/);
    const version = await run(process.execPath, imageArgs(['version']), { cwd: app, env: imageEnv });
    expect(version.stdout).to.match(/^cce-operator \d+\.\d+\.\d+ /);
    const validate = await run(process.execPath, imageArgs(['validate', join(root, 'config', 'samples')]), { cwd: app, env: imageEnv });
    expect(validate.stdout).to.match(/7 objects checked/);
  });

  it('runs against the real kube-apiserver (CMD run) and exits 0 on SIGTERM', async () => {
    installCrds();
    const child = spawn(process.execPath, imageArgs(undefined), {
      cwd: app,
      env: {
        ...imageEnv,
        KUBECONFIG: testEnv().kubeconfigPath,
        CCE_OPERATOR_LEADER_ELECT: 'false',
        CCE_OPERATOR_METRICS_ADDR: '127.0.0.1:0',
        CCE_OPERATOR_CCE_ENDPOINT: 'http://127.0.0.1:9',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 30000;
      while (!out.includes('cce-operator started') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(out, 'the operator logged that it started').to.include('cce-operator started');
      child.kill('SIGTERM');
      expect(await exited).to.equal(0);
      expect(out).to.include('received signal');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
