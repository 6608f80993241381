/**
 * Add-on instance bodies. Standard (seed 003 §4.3.1 T4-298/T4-299, §4.3.3 T4-321/T4-322): kind "Addon" and
 * apiVersion "v3" fixed, every spec field required. Autopilot (seed 004 §4.2.1 T4-150..T4-152, §4.2.3
 * T4-169..T4-171): kind and apiVersion required but their values ignored ("该字段传入无效"); spec.version optional
 * on install, required on update/upgrade. Both: the metadata annotations have fixed values (install:
 * `{"addon.install/type":"install"}`, upgrade: `{"addon.upgrade/type":"upgrade"}`); rollback (004 §4.2.4 T4-180)
 * needs clusterID.
 */
import { CceError } from '../errors.js';
import { isObject, type JsonObject } from '../json.js';
import { S, bodyValidator } from './schema.js';

export const INSTALL_ANNOTATION = 'addon.install/type';
export const UPGRADE_ANNOTATION = 'addon.upgrade/type';
const FIXED: Record<string, string> = { [INSTALL_ANNOTATION]: 'install', [UPGRADE_ANNOTATION]: 'upgrade' };

const spec = (required: string[]) =>
  S.obj(
    {
      clusterID: S.str({ minLength: 1 }),
      version: S.str({ minLength: 1 }),
      addonTemplateName: S.str({ minLength: 1 }),
      values: { type: 'object' },
    },
    required,
  );

const metadata = S.obj({ uid: S.str(), name: S.str(), alias: S.str(), labels: S.map(), annotations: S.map() });

const body = (autopilot: boolean, required: string[]) =>
  bodyValidator(
    S.obj(
      {
        kind: autopilot ? S.str() : { const: 'Addon' },
        apiVersion: autopilot ? S.str() : { const: 'v3' },
        metadata,
        spec: spec(required),
      },
      ['kind', 'apiVersion', 'metadata', 'spec'],
    ),
  );

/**
 * The install/upgrade annotation, when given, has its fixed value. Seed 003's table puts it directly in
 * `metadata`, its examples (and seed 004) in `metadata.annotations`: both places are read.
 */
function checkAnnotations(b: JsonObject): void {
  const m = b.metadata;
  for (const [where, map] of [
    ['metadata.annotations', isObject(m) ? m.annotations : undefined],
    ['metadata', m],
  ] as const) {
    if (!isObject(map)) continue;
    for (const [key, value] of Object.entries(FIXED))
      if (map[key] !== undefined && map[key] !== value) throw new CceError('invalid', `${where}.${key}: must be "${value}"`);
  }
}

const checked = (v: (raw: unknown) => JsonObject) => (raw: unknown) => {
  const b = v(raw);
  checkAnnotations(b);
  return b;
};

const ALL = ['clusterID', 'version', 'addonTemplateName', 'values'];
/** Standard install: every spec field required. */
export const validateInstall = checked(body(false, ALL));
/** Autopilot install: version optional (defaults to the newest the cluster supports). */
export const validateAutopilotInstall = checked(body(true, ['clusterID', 'addonTemplateName', 'values']));
/** Standard update/upgrade: the full body. */
export const validateUpdate = checked(body(false, ALL));
/** Autopilot update/upgrade: version required ("升级：该参数必传"). */
export const validateAutopilotUpdate = checked(body(true, ALL));

export const validateRollback = bodyValidator(S.obj({ clusterID: S.str({ minLength: 1 }) }, ['clusterID']));

/** True when the body's metadata asks for an upgrade (annotation `addon.upgrade/type: upgrade`, either place). */
export function asksUpgrade(b: JsonObject): boolean {
  const m = b.metadata;
  return (
    isObject(m) && (m[UPGRADE_ANNOTATION] === 'upgrade' || (isObject(m.annotations) && m.annotations[UPGRADE_ANNOTATION] === 'upgrade'))
  );
}
