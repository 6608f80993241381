/** Locates (and, when missing, builds) the kube-apiserver, etcd and kubectl binaries of the test environment. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const buildScript = join(here, 'build.sh');

export interface TestEnvBinaries {
  dir: string;
  kubeApiserver: string;
  etcd: string;
  kubectl: string;
}

function fromDir(dir: string): TestEnvBinaries {
  return { dir, kubeApiserver: join(dir, 'kube-apiserver'), etcd: join(dir, 'etcd'), kubectl: join(dir, 'kubectl') };
}

/** The cache folder the binaries live in (`CCE_TESTENV_BIN` overrides it). */
export function binaryDir(): string {
  if (process.env.CCE_TESTENV_BIN) return process.env.CCE_TESTENV_BIN;
  return execFileSync('bash', [buildScript, '--print'], { encoding: 'utf8' }).trim();
}

/** Returns the binaries, building them first (via hack/testenv/build.sh) when any is missing. */
export function ensureBinaries(): TestEnvBinaries {
  const bins = fromDir(binaryDir());
  if ([bins.kubeApiserver, bins.etcd, bins.kubectl].every((p) => existsSync(p))) return bins;
  if (process.env.CCE_TESTENV_BIN) {
    throw new Error(`CCE_TESTENV_BIN=${process.env.CCE_TESTENV_BIN} does not contain kube-apiserver, etcd and kubectl`);
  }
  execFileSync('bash', [buildScript], { stdio: ['ignore', 'ignore', 'inherit'] });
  return bins;
}
