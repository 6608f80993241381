/** A typed client of pf-sim's admin API (/_sim/), for tests and the demo. */
import type { PfCode } from './errors.js';
import type { PfRequestLogEntry } from './server.js';

export interface PfSimCluster {
  clusterId: string;
  clusterName: string;
  description: string;
  endpoint: string;
  source: string;
  clusterType: string;
  version: string;
  status: string;
  credential: string;
  setting: string;
  namespaceList: string[] | null;
  createTime: string;
  updateTime: string;
}

export class PaddleFlowSimAdmin {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`pf-sim admin ${method} ${path}: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async clusters(): Promise<PfSimCluster[]> {
    return (await this.call<{ clusters: PfSimCluster[] }>('GET', '/_sim/clusters')).clusters;
  }

  async cluster(name: string): Promise<PfSimCluster | undefined> {
    return (await this.clusters()).find((c) => c.clusterName === name);
  }

  async requests(): Promise<PfRequestLogEntry[]> {
    return (await this.call<{ requests: PfRequestLogEntry[] }>('GET', '/_sim/requests')).requests;
  }

  async counts(): Promise<Record<string, number>> {
    return (await this.call<{ byOperation: Record<string, number> }>('GET', '/_sim/requests/counts')).byOperation;
  }

  clearRequests(): Promise<void> {
    return this.call('DELETE', '/_sim/requests');
  }

  revokeTokens(): Promise<void> {
    return this.call('POST', '/_sim/tokens/revoke');
  }

  setUser(name: string, password: string): Promise<void> {
    return this.call('PUT', `/_sim/users/${encodeURIComponent(name)}`, { password });
  }

  fault(operation: string, code: PfCode, opts: { message?: string; times?: number } = {}): Promise<void> {
    return this.call('POST', '/_sim/faults', { operation, code, ...opts });
  }

  clearFaults(): Promise<void> {
    return this.call('DELETE', '/_sim/faults');
  }
}
