/** A manifest that is one of the operator's kinds, with the parts the checks read. */
import type { Manifest } from './documents.js';

export interface ParsedObject {
  manifest: Manifest;
  apiVersion: string;
  kind: string;
  name: string;
  /** '' when the manifest names none (kubectl applies it to the current namespace). */
  namespace: string;
  /** The spec after the schema's defaults (an empty object when there is none). */
  spec: Record<string, unknown>;
  /** `CceNodePool ns/name` for messages. */
  label: string;
}

export function toParsedObject(manifest: Manifest): ParsedObject | undefined {
  const d = manifest.data as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown }; spec?: unknown };
  if (typeof d !== 'object' || d === null || typeof d.apiVersion !== 'string' || typeof d.kind !== 'string') return undefined;
  const name = typeof d.metadata?.name === 'string' ? d.metadata.name : '';
  const namespace = typeof d.metadata?.namespace === 'string' ? d.metadata.namespace : '';
  const spec = typeof d.spec === 'object' && d.spec !== null ? (d.spec as Record<string, unknown>) : {};
  return {
    manifest,
    apiVersion: d.apiVersion,
    kind: d.kind,
    name,
    namespace,
    spec,
    label: `${d.kind} ${namespace ? `${namespace}/` : ''}${name || '(no name)'}`,
  };
}
