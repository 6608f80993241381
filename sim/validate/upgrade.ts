/**
 * Upgrade-family bodies (seed 004 §4.3; standard CCE serves the same model): UpgradeTask (§4.3.1 T4-210..T4-218),
 * PreCheckTask (§4.3.5 T4-238..T4-241), PostCheckTask (§4.3.8 T4-298/T4-299).
 */
import { CceError } from '../errors.js';
import { str, type JsonObject } from '../json.js';
import { S, bodyValidator } from './schema.js';

const nodeSelector = S.obj({ key: S.str(), value: S.arr(S.str()), operator: S.str() }, ['key', 'operator']);

const upgradeBody = bodyValidator(
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
                  {
                    addonTemplateName: S.str({ minLength: 1 }),
                    operation: S.enumOf(['patch']),
                    version: S.str({ minLength: 1 }),
                    values: { type: 'object' },
                  },
                  ['addonTemplateName', 'operation', 'version'],
                ),
              ),
              nodeOrder: {
                type: 'object',
                additionalProperties: S.arr(S.obj({ nodeSelector, priority: S.int() }, ['nodeSelector', 'priority'])),
              },
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

/** Validates an upgrade body; returns it normalised. `inPlaceRollingUpdate` is required for that strategy type [T4-217]. */
export function validateUpgrade(raw: unknown): JsonObject {
  const body = upgradeBody(raw);
  const strategy = (body.spec as JsonObject).clusterUpgradeAction as JsonObject;
  if (str(strategy, 'strategy', 'type') === 'inPlaceRollingUpdate' && (strategy.strategy as JsonObject).inPlaceRollingUpdate === undefined)
    throw new CceError(
      'invalid',
      'spec.clusterUpgradeAction.strategy.inPlaceRollingUpdate: is required when strategy.type is inPlaceRollingUpdate',
    );
  return body;
}

const selector = S.obj({ key: S.enumOf(['node.uid']), values: S.arr(S.str()), operator: S.enumOf(['In']) }, ['key', 'operator']);

export const validatePreCheck = bodyValidator(
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
    ['apiVersion', 'kind', 'spec'],
  ),
);

export const validatePostCheck = bodyValidator(
  S.obj(
    {
      apiVersion: { const: 'v3' },
      kind: S.str(),
      spec: S.obj({ clusterID: S.str(), clusterVersion: S.str(), targetVersion: S.str() }),
    },
    ['apiVersion', 'kind', 'spec'],
  ),
);
