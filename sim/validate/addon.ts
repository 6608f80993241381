/** Add-on instance bodies: install (POST), update/upgrade (PUT), Autopilot rollback. */
import { S, validator } from './schema.js';

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

const body = (required: string[]) =>
  validator(
    S.obj(
      {
        kind: { const: 'Addon' },
        apiVersion: { const: 'v3' },
        metadata: S.obj({ annotations: S.map() }),
        spec: spec(required),
      },
      ['kind', 'apiVersion', 'metadata', 'spec'],
    ),
  );

/** Standard install: version required. */
export const validateInstall = body(['clusterID', 'version', 'addonTemplateName', 'values']);
/** Autopilot install: version optional (defaults to the newest the cluster supports). */
export const validateAutopilotInstall = body(['clusterID', 'addonTemplateName', 'values']);
/** Update/upgrade (both flavours): the full body, version required. */
export const validateUpdate = body(['clusterID', 'version', 'addonTemplateName', 'values']);

export const validateRollback = validator(S.obj({ clusterID: S.str({ minLength: 1 }) }, ['clusterID']));
