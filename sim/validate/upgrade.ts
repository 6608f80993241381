/** Upgrade-family bodies: UpgradeTask (metadata.apiVersion/kind), PreCheckTask, PostCheckTask. */
import { S, validator } from './schema.js';

const nodeSelector = S.obj({ key: S.str(), value: S.arr(S.str()), operator: S.str() }, ['key', 'operator']);

export const validateUpgrade = validator(
  S.obj(
    {
      metadata: S.obj({ apiVersion: S.str(), kind: S.str() }, ['apiVersion', 'kind']),
      spec: S.obj(
        {
          clusterUpgradeAction: S.obj(
            {
              targetVersion: S.str({ minLength: 1 }),
              strategy: S.obj(
                {
                  type: S.enumOf(['inPlaceRollingUpdate']),
                  inPlaceRollingUpdate: S.obj({ userDefinedStep: S.int({ minimum: 1, maximum: 40 }) }),
                },
                ['type'],
              ),
              addons: S.arr(
                S.obj(
                  { addonTemplateName: S.str({ minLength: 1 }), operation: S.enumOf(['patch']), version: S.str({ minLength: 1 }), values: { type: 'object' } },
                  ['addonTemplateName', 'operation', 'version'],
                ),
              ),
              nodeOrder: { type: 'object', additionalProperties: S.arr(S.obj({ nodeSelector, priority: S.int() }, ['nodeSelector', 'priority'])) },
              nodePoolOrder: { type: 'object', additionalProperties: S.int() },
            },
            ['targetVersion', 'strategy'],
          ),
        },
        ['clusterUpgradeAction'],
      ),
    },
    ['metadata', 'spec'],
  ),
);

const selector = S.obj({ key: S.enumOf(['node.uid']), values: S.arr(S.str()), operator: S.enumOf(['In']) }, ['key', 'operator']);

export const validatePreCheck = validator(
  S.obj(
    {
      apiVersion: { const: 'v3' },
      kind: { const: 'PreCheckTask' },
      spec: S.obj({
        clusterID: S.str(),
        clusterVersion: S.str(),
        targetVersion: S.str(),
        skippedCheckItemList: S.arr(S.obj({ name: S.str(), resourceSelector: selector })),
      }),
    },
    ['apiVersion', 'kind'],
  ),
);

export const validatePostCheck = validator(
  S.obj(
    {
      apiVersion: { const: 'v3' },
      kind: S.str(),
      spec: S.obj({ clusterID: S.str(), clusterVersion: S.str(), targetVersion: S.str() }),
    },
    ['apiVersion', 'kind', 'spec'],
  ),
);
