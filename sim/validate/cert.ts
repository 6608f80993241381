/** POST .../clustercert (seed 004 §4.1.6 T4-112; the public cloud's standard form too): `duration` in days. */
import { CceError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { S, bodyValidator } from './schema.js';

const certBody = bodyValidator(S.obj({ duration: S.int() }, ['duration']));

/** 1..1827 days, or -1 for the maximum (5 years). */
export function validateCertRequest(raw: unknown): JsonObject {
  const body = certBody(raw);
  const d = body.duration as number;
  if (!(d === -1 || (d >= 1 && d <= 1827))) throw new CceError('invalid', 'duration: must be an integer from 1 to 1827, or -1');
  return body;
}
