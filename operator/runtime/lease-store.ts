// Reads and writes the leader-election Lease (coordination.k8s.io/v1). Updates carry the resourceVersion
// they were based on, so two candidates can never both win the same round.
import { isNotFound } from './api-errors.js';
import type { KubeConfig } from './kube/kube-config.js';
import { LEASES, objectApi, type ObjectApi } from './kube/object-api.js';
import { microTime, type Lease } from './kube/types.js';

export interface LeaseRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  /** Milliseconds since the epoch. */
  acquireTime: number;
  renewTime: number;
  leaseTransitions: number;
  /** Set on records read from the server; used as the update precondition. */
  resourceVersion?: string;
}

export interface LeaseStore {
  readonly description: string;
  /** The current record, or undefined when the Lease does not exist. */
  get(): Promise<LeaseRecord | undefined>;
  /** Creates the Lease; fails (409) if it exists. */
  create(record: LeaseRecord): Promise<LeaseRecord>;
  /** Replaces the Lease; fails (409) if `record.resourceVersion` is stale. */
  update(record: LeaseRecord): Promise<LeaseRecord>;
}

export class KubeLeaseStore implements LeaseStore {
  private readonly api: ObjectApi<Lease>;

  constructor(
    kc: KubeConfig,
    private readonly namespace: string,
    private readonly name: string,
  ) {
    this.api = objectApi<Lease>(kc, LEASES);
  }

  get description(): string {
    return `${this.namespace}/${this.name}`;
  }

  async get(): Promise<LeaseRecord | undefined> {
    try {
      return fromLease(await this.api.get({ name: this.name, namespace: this.namespace }));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async create(record: LeaseRecord): Promise<LeaseRecord> {
    return fromLease(await this.api.create(this.namespace, this.toLease(record)));
  }

  async update(record: LeaseRecord): Promise<LeaseRecord> {
    return fromLease(await this.api.replace({ name: this.name, namespace: this.namespace }, this.toLease(record)));
  }

  private toLease(r: LeaseRecord): Lease {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace, ...(r.resourceVersion ? { resourceVersion: r.resourceVersion } : {}) },
      spec: {
        holderIdentity: r.holderIdentity,
        leaseDurationSeconds: r.leaseDurationSeconds,
        acquireTime: microTime(r.acquireTime),
        renewTime: microTime(r.renewTime),
        leaseTransitions: r.leaseTransitions,
      },
    };
  }
}

function fromLease(l: Lease): LeaseRecord {
  const s = l.spec ?? {};
  const ms = (t: string | undefined) => (t ? new Date(t).getTime() : 0);
  const rv = l.metadata?.resourceVersion;
  return {
    holderIdentity: s.holderIdentity ?? '',
    leaseDurationSeconds: s.leaseDurationSeconds ?? 0,
    acquireTime: ms(s.acquireTime),
    renewTime: ms(s.renewTime),
    leaseTransitions: s.leaseTransitions ?? 0,
    ...(rv ? { resourceVersion: rv } : {}),
  };
}
