/**
 * `validate`'s checks over a set of files, as data: per document the kind's OpenAPI schema (with defaults) and CEL
 * rules as its CRD carries them, then the checks across the set. Documents of other kinds (Secrets, Kustomizations)
 * are counted and left alone; a document of our API group with an unknown kind or version is an error.
 */
import { allCrds } from '../../resources/crds.js';
import { API_GROUP } from '../../resources/crd-builder.js';
import { celFindings } from './cel-check.js';
import { crossFindings, type CrossOptions } from './cross-check.js';
import { readManifests } from './documents.js';
import { toParsedObject, type ParsedObject } from './parsed-object.js';
import type { Problem } from './problem.js';
import { SchemaChecker } from './schema-check.js';

export interface ValidateResult {
  problems: Problem[];
  checked: number;
  ignored: number;
  files: number;
}

export function validateFiles(files: readonly string[], opts: CrossOptions = {}): ValidateResult {
  const crds = allCrds();
  const checker = new SchemaChecker(crds);
  const rootSchemas = new Map(
    crds.map((c) => [`${c.spec.group}/${c.spec.versions[0]?.name}/${c.spec.names.kind}`, c.spec.versions[0]?.schema.openAPIV3Schema]),
  );
  const problems: Problem[] = [];
  const objects: ParsedObject[] = [];
  let ignored = 0;
  const report = (
    o: ParsedObject,
    f: { path: readonly (string | number)[]; key?: boolean; message: string },
    severity: Problem['severity'] = 'error',
  ) =>
    problems.push({
      file: o.manifest.file,
      ...o.manifest.position(f.path, f.key),
      severity,
      object: o.label,
      field: f.path
        .map((s) => (typeof s === 'number' ? `[${s}]` : s))
        .join('.')
        .replace(/\.\[/g, '['),
      message: f.message,
    });
  for (const file of files) {
    const read = readManifests(file);
    problems.push(...read.problems);
    for (const manifest of read.manifests) {
      const o = toParsedObject(manifest);
      if (!o) {
        problems.push({
          file,
          ...manifest.position([]),
          severity: 'error',
          object: '',
          field: '',
          message: `document ${manifest.index} is not a Kubernetes object (no apiVersion and kind)`,
        });
        continue;
      }
      const findings = checker.check(o.apiVersion, o.kind, manifest.data);
      if (!findings) {
        if (o.apiVersion.startsWith(`${API_GROUP}/`)) {
          report(o, {
            path: ['kind'],
            message: `no kind "${o.kind}" in ${o.apiVersion} (served: ${crds.map((c) => c.spec.names.kind).join(', ')} in ${API_GROUP}/${crds[0]?.spec.versions[0]?.name})`,
          });
        } else ignored++;
        continue;
      }
      objects.push(o);
      for (const f of findings) report(o, f);
      // CEL runs on what passed the schema, as in the API server (a rule over a missing required field would only repeat it)
      if (findings.length === 0) {
        const schema = rootSchemas.get(`${o.apiVersion}/${o.kind}`);
        if (schema) for (const f of celFindings(schema, manifest.data)) report(o, f);
      }
      if (!o.name) report(o, { path: ['metadata'], message: 'metadata.name: Required value' });
    }
  }
  for (const f of crossFindings(objects, opts)) report(f.object, f, f.severity);
  return { problems, checked: objects.length, ignored, files: files.length };
}
