/**
 * PUT .../clusters/{id}/mastereip (seed 004 §4.1.8 T4-130..T4-132): `spec` required; `spec.action` bind | unbind
 * (the table marks it optional, its description "必选参数": required); `spec.spec.id` (the EIP) required to bind,
 * ignored to unbind; `bandwidth` / `elasticip` are documented as obsolete strings.
 */
import { CceError } from '../errors.js';
import { str, type JsonObject } from '../json.js';
import { S, bodyValidator } from './schema.js';

const masterEipBody = bodyValidator(
  S.obj(
    {
      spec: S.obj(
        {
          action: S.enumOf(['bind', 'unbind']),
          spec: S.obj({ id: S.str() }),
          bandwidth: S.str(),
          elasticip: S.str(),
        },
        ['action'],
      ),
    },
    ['spec'],
  ),
);

export function validateMasterEip(raw: unknown): JsonObject {
  const body = masterEipBody(raw);
  if (str(body, 'spec', 'action') === 'bind' && !str(body, 'spec', 'spec', 'id'))
    throw new CceError('invalid', 'spec.spec.id: is required to bind an EIP');
  return body;
}
