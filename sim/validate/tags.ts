/** Cluster resource tags (`spec.clusterTags`, `tags/create`, `tags/delete`; seed 004 §4.5 T4-376..T4-381). */
import { S, bodyValidator, type Schema } from './schema.js';

/** Union of the seed's tag character sets: letters, digits, spaces and `_.:/=+-@`; no `_sys_` prefix. */
export const TAG_KEY = '^(?!_sys_)[\\p{L}\\p{N}_.:/=+\\-@]([\\p{L}\\p{N} _.:/=+\\-@]*[\\p{L}\\p{N}_.:/=+\\-@])?$';
export const TAG_VALUE = '^[\\p{L}\\p{N} _.:/=+\\-@]*$';
export const MAX_TAGS = 20;

export const tagSchema: Schema = S.obj(
  { key: S.str({ minLength: 1, maxLength: 128, pattern: TAG_KEY }), value: S.str({ maxLength: 255, pattern: TAG_VALUE }) },
  ['key', 'value'],
);

export const tagListSchema: Schema = S.arr(tagSchema, { maxItems: MAX_TAGS });

/** A key to delete [T4-381]: the same key rules (not empty, ≤128, the character set, no `_sys_` prefix). */
export const tagKeySchema: Schema = S.obj({ key: S.str({ minLength: 1, maxLength: 128, pattern: TAG_KEY }) }, ['key']);

export const validateCreateTags = bodyValidator(S.obj({ tags: S.arr(tagSchema, { minItems: 1 }) }, ['tags']));
export const validateDeleteTags = bodyValidator(S.obj({ tags: S.arr(tagKeySchema, { minItems: 1 }) }, ['tags']));
