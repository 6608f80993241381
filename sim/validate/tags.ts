/** Cluster resource tags (`spec.clusterTags`, `tags/create`, `tags/delete`). */
import { S, type Schema } from './schema.js';

/** Union of the seed's tag character sets: letters, digits, spaces and `_.:/=+-@`; no `_sys_` prefix. */
export const TAG_KEY = '^(?!_sys_)[\\p{L}\\p{N}_.:/=+\\-@]([\\p{L}\\p{N} _.:/=+\\-@]*[\\p{L}\\p{N}_.:/=+\\-@])?$';
export const TAG_VALUE = '^[\\p{L}\\p{N} _.:/=+\\-@]*$';
export const MAX_TAGS = 20;

export const tagSchema: Schema = S.obj(
  { key: S.str({ minLength: 1, maxLength: 128, pattern: TAG_KEY }), value: S.str({ maxLength: 255, pattern: TAG_VALUE }) },
  ['key', 'value'],
);

export const tagListSchema: Schema = S.arr(tagSchema, { maxItems: MAX_TAGS });

export const tagKeySchema: Schema = S.obj({ key: S.str({ minLength: 1, maxLength: 128 }) }, ['key']);
