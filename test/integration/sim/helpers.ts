/** Shared helpers for the simulator's HTTP tests: a started simulator and AK/SK-signed requests. */
import { request, type IncomingHttpHeaders } from 'node:http';
import { sdkDate, sign } from '../../../operator/cloud/signer.js';
import { startSimulator, type RunningSim, type SimOptions } from '../../../sim/server.js';
import { SimAdmin } from '../../../sim/admin-client.js';

export const AK = 'SIMACCESSKEY0000';
export const SK = 'sim-secret-key-never-logged';
export const PROJECT = '0123456789abcdef0123456789abcdef';
export const TOKEN = 'sim-token-1';

export interface Sim {
  sim: RunningSim;
  admin: SimAdmin;
  call: (method: string, path: string, body?: unknown, opts?: CallOptions) => Promise<Res>;
}

export interface CallOptions {
  /** Headers added before signing (and signed). */
  headers?: Record<string, string>;
  /** Signed header names; default: every header present. */
  signedHeaders?: string[];
  /** Override X-Sdk-Date. */
  date?: Date;
  /** Sign with this secret key instead of the right one. */
  secretKey?: string;
  accessKey?: string;
  /** Use token auth instead of AK/SK. */
  token?: string;
  /** Send no auth at all. */
  anonymous?: boolean;
  /** Raw body string (overrides body). */
  raw?: string;
  /** Headers added after signing (unsigned). */
  unsigned?: Record<string, string>;
}

export interface Res {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export async function startSim(opts: Partial<SimOptions> = {}): Promise<Sim> {
  const sim = await startSimulator({ accessKey: AK, secretKey: SK, projectId: PROJECT, tokens: [TOKEN], ...opts });
  const call = async (method: string, path: string, body?: unknown, o: CallOptions = {}): Promise<Res> => {
    const url = sim.url + path;
    const text = o.raw ?? (body === undefined ? undefined : JSON.stringify(body));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      host: new URL(sim.url).host,
      'x-sdk-date': sdkDate(o.date ?? new Date()),
      ...(o.headers ?? {}),
    };
    if (o.token !== undefined) headers['x-auth-token'] = o.token;
    else if (!o.anonymous) {
      const signed = sign(
        { method, url, headers, body: text ?? '' },
        { accessKey: o.accessKey ?? AK, secretKey: o.secretKey ?? SK },
        o.signedHeaders,
      );
      headers.authorization = signed.authorization;
    }
    Object.assign(headers, o.unsigned ?? {});
    const res = await rawRequest(url, method, headers, text);
    const resText = res.text;
    let parsed: unknown;
    try {
      parsed = resText ? JSON.parse(resText) : undefined;
    } catch {
      parsed = resText;
    }
    return { status: res.status, headers: res.headers, text: resText, body: parsed };
  };
  return { sim, admin: new SimAdmin(sim.url), call };
}

export const P = `/api/v3/projects/${PROJECT}`;
export const AP = `/autopilot/v3/projects/${PROJECT}`;

export function clusterBody(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name },
    spec: {
      type: 'VirtualMachine',
      flavor: 'cce.s1.small',
      version: 'v1.28',
      hostNetwork: { vpc: 'vpc-1', subnet: 'subnet-1' },
      containerNetwork: { mode: 'overlay_l2' },
      ...extra,
    },
  };
}

export function autopilotBody(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'Cluster',
    apiVersion: 'v3',
    metadata: { name },
    spec: {
      flavor: 'cce.autopilot.cluster',
      category: 'Turbo',
      type: 'VirtualMachine',
      version: 'v1.28',
      hostNetwork: { vpc: 'vpc-1' },
      containerNetwork: { mode: 'eni' },
      eniNetwork: { subnets: [{ subnetID: 'sn-1' }] },
      ...extra,
    },
  };
}

export function poolBody(name: string, count: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    kind: 'NodePool',
    apiVersion: 'v3',
    metadata: { name },
    spec: {
      initialNodeCount: count,
      nodeTemplate: {
        flavor: 's6.large.2',
        az: 'az1',
        login: { sshKey: 'kp' },
        rootVolume: { size: 40, volumetype: 'SATA' },
        dataVolumes: [{ size: 100, volumetype: 'SATA' }],
      },
      ...extra,
    },
  };
}

/** A node pool update body as the API documents it (kind, apiVersion, metadata.name, spec.initialNodeCount and spec.nodeTemplate required). */
export function poolUpdateBody(name: string, count: number, spec: Record<string, unknown> = {}): Record<string, unknown> {
  return { kind: 'NodePool', apiVersion: 'v3', metadata: { name }, spec: { initialNodeCount: count, nodeTemplate: {}, ...spec } };
}

/** A plain node:http request (fetch refuses GET bodies; the official SDK sends `{}` on GET). */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
  target?: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method,
        path: target ?? u.pathname + u.search,
        headers: body !== undefined ? { ...headers, 'content-length': String(Buffer.byteLength(body)) } : headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
