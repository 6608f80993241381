// Reads and writes the leader-election Lease (coordination.k8s.io/v1). Updates carry the resourceVersion
// they were based on, so two candidates can never both win the same round.
import { CoordinationV1Api, V1MicroTime, type KubeConfig, type V1Lease } from '@kubernetes/client-node';
import { isNotFound } from './api-errors.js';

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
  private readonly api: CoordinationV1Api;

  constructor(
    kc: KubeConfig,
    private readonly namespace: string,
    private readonly name: string,
  ) {
    this.api = kc.makeApiClient(CoordinationV1Api);
  }

  get description(): string {
    return `${this.namespace}/${this.name}`;
  }

  async get(): Promise<LeaseRecord | undefined> {
    try {
      return fromLease(await this.api.readNamespacedLease({ name: this.name, namespace: this.namespace }));
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async create(record: LeaseRecord): Promise<LeaseRecord> {
    return fromLease(await this.api.createNamespacedLease({ namespace: this.namespace, body: this.toLease(record) }));
  }

  async update(record: LeaseRecord): Promise<LeaseRecord> {
    const body = this.toLease(record);
    return fromLease(await this.api.replaceNamespacedLease({ name: this.name, namespace: this.namespace, body }));
  }

  private toLease(r: LeaseRecord): V1Lease {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace, ...(r.resourceVersion ? { resourceVersion: r.resourceVersion } : {}) },
      spec: {
        holderIdentity: r.holderIdentity,
        leaseDurationSeconds: r.leaseDurationSeconds,
        acquireTime: new V1MicroTime(r.acquireTime),
        renewTime: new V1MicroTime(r.renewTime),
        leaseTransitions: r.leaseTransitions,
      },
    };
  }
}

function fromLease(l: V1Lease): LeaseRecord {
  const s = l.spec ?? {};
  const ms = (t: unknown) => (t ? new Date(t as string | Date).getTime() : 0);
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
