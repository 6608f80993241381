/**
 * `kubectl explain <kind>.spec...` shows a description for every field: each CRD's spec and status, and every
 * named field below them (inside list items and map values too), carries a `description`.
 */
import { expect } from 'chai';
import type { JsonSchema } from '../../../operator/resources/crd-builder.js';
import { allCrds } from '../../../operator/resources/crds.js';

/** Fields without a description; list items and map values are not fields themselves, their properties are. */
function undescribed(schema: JsonSchema, path: string, field = true): string[] {
  const out = field && !schema.description?.trim() ? [path] : [];
  for (const [k, v] of Object.entries(schema.properties ?? {})) out.push(...undescribed(v, `${path}.${k}`));
  if (schema.items) out.push(...undescribed(schema.items, `${path}[]`, false));
  if (typeof schema.additionalProperties === 'object') out.push(...undescribed(schema.additionalProperties, `${path}{}`, false));
  return out;
}

describe('CRD field descriptions', () => {
  for (const crd of allCrds()) {
    it(`${crd.spec.names.kind}: every spec and status field has a description`, () => {
      const root = crd.spec.versions[0]?.schema.openAPIV3Schema as JsonSchema;
      const fields = ['spec', 'status'].flatMap((k) => undescribed(root.properties?.[k] as JsonSchema, k));
      expect(fields).to.deep.equal([]);
    });
  }

  it('the walk finds a field without one', () => {
    expect(undescribed({ type: 'object', description: 'x', properties: { a: { type: 'string' } } }, 'spec')).to.deep.equal(['spec.a']);
  });
});
