/**
 * The checks PaddleFlow's server makes on a cluster record (pkg/apiserver/controller/cluster/cluster.go), with its
 * own messages. Create: the name pattern (InvalidNamePattern), then the request (failures answered as
 * InternalError, as the server sets that code for validateCreateClusterRequest). Update: only what is given is
 * checked and applied; empty strings and empty lists leave a field as it is. Pure.
 */
import { PfError } from './errors.js';

/** common.RegPatternClusterName: 2-255 characters. */
export const CLUSTER_NAME_PATTERN = '^[A-Za-z0-9_][A-Za-z0-9-_]{0,253}[A-Za-z0-9_]$';
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const CLUSTER_TYPES = ['kubernetes', 'local'] as const;
export const STATUSES = ['online', 'offline'] as const;
export const DEFAULT_SOURCE = 'OnPremise';

/** The JSON body of create and update (ClusterCommonInfo + clusterName), as PaddleFlow binds it. */
export interface ClusterRequest {
  clusterName?: string;
  clusterId?: string;
  description?: string;
  endpoint?: string;
  source?: string;
  clusterType?: string;
  version?: string;
  status?: string;
  credential?: string;
  setting?: string;
  namespaceList?: string[];
}

const STRING_FIELDS = [
  'clusterName',
  'clusterId',
  'description',
  'endpoint',
  'source',
  'clusterType',
  'version',
  'status',
  'credential',
  'setting',
] as const;

const goType = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v;

/** Go's encoding/json into the request struct: unknown keys are ignored, wrong types refused (MalformedJSON). */
export function bindRequest(raw: unknown, struct: string): ClusterRequest {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PfError('MalformedJSON', `json: cannot unmarshal ${goType(raw)} into Go value of type cluster.${struct}`);
  }
  const o = raw as Record<string, unknown>;
  const out: ClusterRequest = {};
  for (const k of STRING_FIELDS) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string')
      throw new PfError('MalformedJSON', `json: cannot unmarshal ${goType(v)} into Go struct field ${struct}.${k} of type string`);
    out[k] = v;
  }
  const ns = o.namespaceList;
  if (ns !== undefined && ns !== null) {
    if (!Array.isArray(ns) || ns.some((x) => typeof x !== 'string')) {
      throw new PfError(
        'MalformedJSON',
        `json: cannot unmarshal ${goType(ns)} into Go struct field ${struct}.namespaceList of type []string`,
      );
    }
    out.namespaceList = ns as string[];
  }
  return out;
}

/** k8s.io/apimachinery IsDNS1123Label's messages. */
export function dns1123LabelErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(v)) {
    errs.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
    );
  }
  return errs;
}

export function checkName(name: string): void {
  if (!new RegExp(CLUSTER_NAME_PATTERN).test(name)) {
    throw new PfError('InvalidNamePattern', `name[${name}] for [cluster] does not compile with regex rule[${CLUSTER_NAME_PATTERN}]`);
  }
}

function checkStatus(status: string): void {
  if (!(STATUSES as readonly string[]).includes(status)) throw new Error("clusterStatus can only be 'online' or 'offline'");
}

/** The record a create stores (trimmed and defaulted as the server does), or an Error with the server's message. */
export function validateCreate(r: ClusterRequest): Required<Omit<ClusterRequest, 'clusterId'>> {
  const name = (r.clusterName ?? '').trim();
  if (name === '') throw new Error('ClusterName should not be empty');
  if (name.length > 255) throw new Error('The length of ClusterName should not exceed 255');
  const endpoint = (r.endpoint ?? '').trim();
  if (endpoint === '') throw new Error('Endpoint should not be empty');
  const clusterType = (r.clusterType ?? '').trim();
  if (clusterType === '') throw new Error('ClusterType should not be empty');
  if (!(CLUSTER_TYPES as readonly string[]).includes(clusterType)) throw new Error(`ClusterType [${clusterType}] is invalid`);
  const version = (r.version ?? '').trim();
  if (clusterType === 'kubernetes' && version === '') throw new Error(`version of cluster ${clusterType} should not be empty`);
  const status = (r.status ?? '').trim() || 'online';
  checkStatus(status);
  for (const ns of r.namespaceList ?? []) {
    const errs = dns1123LabelErrors(ns);
    if (errs.length) throw new Error(`namespace[${ns}] is invalid, err: ${errs.join(',')}`);
  }
  return {
    clusterName: name,
    endpoint,
    clusterType,
    version,
    status,
    source: (r.source ?? '').trim() || DEFAULT_SOURCE,
    credential: (r.credential ?? '').trim(),
    description: (r.description ?? '').trim(),
    setting: (r.setting ?? '').trim(),
    namespaceList: r.namespaceList ?? [],
  };
}

/** What an update changes (only the fields given), or an Error with the server's message. */
export function validateUpdate(r: ClusterRequest): Partial<Required<Omit<ClusterRequest, 'clusterId' | 'clusterName'>>> {
  const out: Partial<Required<Omit<ClusterRequest, 'clusterId' | 'clusterName'>>> = {};
  const endpoint = (r.endpoint ?? '').trim();
  if (endpoint) out.endpoint = endpoint;
  const clusterType = (r.clusterType ?? '').trim();
  if (clusterType) {
    if (!(CLUSTER_TYPES as readonly string[]).includes(clusterType)) throw new Error(`ClusterType [${clusterType}] is invalid`);
    out.clusterType = clusterType;
  }
  const version = (r.version ?? '').trim();
  if (version) out.version = version;
  else if (clusterType === 'kubernetes') throw new Error(`version of cluster ${clusterType} should not be empty`);
  const status = (r.status ?? '').trim();
  if (status) {
    checkStatus(status);
    out.status = status;
  }
  const source = (r.source ?? '').trim();
  if (source) out.source = source;
  if (r.description) out.description = r.description.trim();
  const setting = (r.setting ?? '').trim();
  if (setting) out.setting = setting;
  if (r.namespaceList && r.namespaceList.length > 0) out.namespaceList = r.namespaceList;
  const credential = (r.credential ?? '').trim();
  if (credential) out.credential = credential;
  return out;
}

/** `maxKeys`: default 50, 1..1000 (util.GetQueryMaxKeys); anything else is InvalidURI. */
export function maxKeysOf(raw: string | null): number {
  if (raw === null || raw === '') return 50;
  const n = /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n <= 0 || n > 1000) throw new PfError('InvalidURI', `maxKeys[${raw}] is invalid`);
  return n;
}
