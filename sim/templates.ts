/**
 * The add-on template catalogue (`GET /api/v3/addontemplates`, `/autopilot/v3/addontemplates`).
 * Each version lists the cluster versions it supports as regular expressions, as the API does.
 */
import type { JsonObject } from './json.js';
import { rfc3339 } from './time.js';

export interface TemplateVersion {
  version: string;
  /** Regular expressions over the cluster's `spec.version`. */
  clusterVersions: string[];
  input: JsonObject;
}

export interface Template {
  name: string;
  alias?: string;
  type: 'helm' | 'static';
  labels: string[];
  description: string;
  require?: boolean;
  versions: TemplateVersion[];
}

const ALL = 'v1.(2[3-9]).*';
const flavor = (category?: string): JsonObject => ({
  name: category ? 'autopilot-flavor1' : 'flavor1',
  replicas: 2,
  ...(category ? { category: [category], is_default: true } : {}),
  resources: [{ name: 'main', limitsCpu: '500m', requestsCpu: '500m', limitsMem: '512Mi', requestsMem: '512Mi' }],
});
const input = (category?: string): JsonObject => ({ basic: {}, parameters: { flavor1: flavor(category) }, custom: {} });

const STANDARD: Template[] = [
  {
    name: 'coredns',
    type: 'helm',
    labels: ['ServiceDiscovery'],
    description: 'CoreDNS is a DNS server that chains plugins and provides Kubernetes DNS Services',
    require: true,
    versions: [
      { version: '1.17.15', clusterVersions: ['v1.(19|21|23).*'], input: input() },
      { version: '1.28.4', clusterVersions: [ALL], input: input() },
      { version: '1.29.4', clusterVersions: [ALL], input: input() },
    ],
  },
  {
    name: 'storage-driver',
    type: 'helm',
    labels: ['Storage'],
    description: 'A kubernetes FlexVolume Driver used to support cloud storage',
    versions: [{ version: '1.0.19', clusterVersions: ['v1.(19|21|23|25).*'], input: input() }],
  },
  {
    name: 'everest',
    type: 'helm',
    labels: ['Storage'],
    description: 'Everest is a cloud native container storage system based on CSI',
    require: true,
    versions: [
      { version: '2.3.12', clusterVersions: [ALL], input: input() },
      { version: '2.4.5', clusterVersions: [ALL], input: input() },
    ],
  },
  {
    name: 'metrics-server',
    type: 'helm',
    labels: ['Monitoring'],
    description: 'Metrics Server is a cluster-level resource usage data aggregator',
    versions: [
      { version: '1.3.39', clusterVersions: [ALL], input: input() },
      { version: '1.3.60', clusterVersions: [ALL], input: input() },
    ],
  },
  {
    name: 'autoscaler',
    type: 'helm',
    labels: ['Scheduling'],
    description: 'Auto scaling for Kubernetes nodes',
    versions: [
      { version: '1.28.17', clusterVersions: ['v1.28.*'], input: input() },
      { version: '1.29.13', clusterVersions: ['v1.29.*'], input: input() },
    ],
  },
  {
    name: 'gpu-beta',
    type: 'helm',
    labels: ['Accelerator'],
    description: 'A device plugin for nvidia.com/gpu resource on nvidia driver',
    versions: [{ version: '2.6.4', clusterVersions: [ALL], input: input() }],
  },
];

const AUTOPILOT: Template[] = [
  {
    name: 'coredns',
    alias: 'coredns',
    type: 'helm',
    labels: ['ServiceDiscovery'],
    description: 'CoreDNS is a DNS server that chains plugins and provides Kubernetes DNS Services',
    require: true,
    versions: [
      { version: '1.28.4', clusterVersions: ['v1.(27|28|29).*'], input: input('Autopilot') },
      { version: '1.28.6', clusterVersions: ['v1.(27|28|29).*'], input: input('Autopilot') },
    ],
  },
  {
    name: 'metrics-server',
    alias: 'metrics-server',
    type: 'helm',
    labels: ['CloudNativeObservability'],
    description: 'Metrics Server is a cluster-level resource usage data aggregator',
    versions: [{ version: '1.3.60', clusterVersions: ['v1.(27|28|29).*'], input: input('Autopilot') }],
  },
  {
    name: 'cie-collector',
    alias: 'kube-prometheus-stack',
    type: 'helm',
    labels: ['CloudNativeObservability'],
    description: 'Cloud native monitoring based on Prometheus',
    versions: [{ version: '3.9.3', clusterVersions: ['v1.(27|28).*'], input: input('Autopilot') }],
  },
];

export function templates(autopilot: boolean): Template[] {
  return autopilot ? AUTOPILOT : STANDARD;
}

export function findTemplate(autopilot: boolean, name: string): Template | undefined {
  return templates(autopilot).find((t) => t.name === name || t.alias === name);
}

export function supports(v: TemplateVersion, clusterVersion: string): boolean {
  return v.clusterVersions.some((re) => new RegExp(`^${re}$`).test(clusterVersion));
}

/** The newest version of the template that supports the cluster version. */
export function newestFor(t: Template, clusterVersion: string): TemplateVersion | undefined {
  return [...t.versions].reverse().find((v) => supports(v, clusterVersion));
}

/** The `versions` record as the API renders it (template list, add-on `status.currentVersion`). */
export function renderVersion(v: TemplateVersion, autopilot: boolean, epoch: number): JsonObject {
  const supportVersions = [
    { clusterType: 'VirtualMachine', clusterVersion: v.clusterVersions, ...(autopilot ? { category: ['Autopilot'] } : {}) },
  ];
  return {
    version: v.version,
    input: v.input,
    stable: true,
    translate: {},
    supportVersions,
    creationTimestamp: rfc3339(epoch),
    updateTimestamp: rfc3339(epoch),
  };
}

export function renderTemplate(t: Template, autopilot: boolean, epoch: number): JsonObject {
  const metadata: JsonObject = { uid: t.name, name: t.name, labels: {}, annotations: {} };
  if (t.alias) metadata.alias = t.alias;
  metadata.creationTimestamp = rfc3339(epoch);
  metadata.updateTimestamp = rfc3339(epoch);
  return {
    kind: 'Addon',
    apiVersion: 'v3',
    metadata,
    spec: {
      type: t.type,
      require: t.require ?? false,
      labels: t.labels,
      logoURL: '',
      readmeURL: '',
      description: t.description,
      versions: t.versions.map((v) => renderVersion(v, autopilot, epoch)),
    },
  };
}
