/**
 * The simulator's memory: users (root and any others), the tokens login issued, and the cluster table as
 * PaddleFlow keeps it (auto-increment pk for marker paging, soft delete: a deleted record keeps its row and frees
 * its name).
 */
import { randomBytes } from 'node:crypto';

export interface PfRecord {
  pk: number;
  id: string;
  name: string;
  description: string;
  endpoint: string;
  source: string;
  clusterType: string;
  version: string;
  status: string;
  credential: string;
  setting: string;
  namespaceList: string[];
  createdAt: number;
  updatedAt: number;
  /** '' while live (PaddleFlow writes a random marker on delete). */
  deletedAt: string;
}

export class PfState {
  readonly records: PfRecord[] = [];
  private pk = 0;
  /** name → password. */
  readonly users = new Map<string, string>();
  /** token → the user and the password it was issued with (a changed password invalidates it). */
  readonly tokens = new Map<string, { user: string; password: string }>();

  constructor(rootPassword: string, users: Record<string, string> = {}) {
    this.users.set('root', rootPassword);
    for (const [u, p] of Object.entries(users)) this.users.set(u, p);
  }

  live(): PfRecord[] {
    return this.records.filter((r) => r.deletedAt === '');
  }

  byName(name: string): PfRecord | undefined {
    return this.live().find((r) => r.name === name);
  }

  insert(fields: Omit<PfRecord, 'pk' | 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>, now: number): PfRecord {
    const rec: PfRecord = {
      ...fields,
      pk: ++this.pk,
      id: `cluster-${randomBytes(4).toString('hex')}`,
      createdAt: now,
      updatedAt: now,
      deletedAt: '',
    };
    this.records.push(rec);
    return rec;
  }

  issueToken(user: string): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, { user, password: this.users.get(user) ?? '' });
    return token;
  }

  /** The user a token stands for, while its user still exists with the same password. */
  userOf(token: string): string | undefined {
    const t = this.tokens.get(token);
    if (!t || this.users.get(t.user) !== t.password) return undefined;
    return t.user;
  }
}

/** Go's "2006-01-02 15:04:05" (model.TimeFormat), UTC. */
export function pfTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, '');
}

/** model.ClusterInfo as the server marshals it (an empty namespace list is Go's nil slice: null). */
export function renderRecord(r: PfRecord): Record<string, unknown> {
  return {
    clusterId: r.id,
    createTime: pfTime(r.createdAt),
    updateTime: pfTime(r.updatedAt),
    clusterName: r.name,
    description: r.description,
    endpoint: r.endpoint,
    source: r.source,
    clusterType: r.clusterType,
    version: r.version,
    status: r.status,
    credential: r.credential,
    setting: r.setting,
    namespaceList: r.namespaceList.length ? [...r.namespaceList] : null,
  };
}

/** An opaque list marker for a pk (PaddleFlow encrypts the pk; any other string is InvalidMarker). */
export function markerOf(pk: number): string {
  return Buffer.from(`pf-sim-pk:${pk}`).toString('base64url');
}

export function pkOf(marker: string): number | undefined {
  const m = /^pf-sim-pk:(\d+)$/.exec(Buffer.from(marker, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}
