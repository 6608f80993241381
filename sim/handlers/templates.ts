/** GET /api/v3/addontemplates, /autopilot/v3/addontemplates (query addon_template_name: name or alias). */
import { CceError } from '../errors.js';
import type { Ctx, Reply } from '../context.js';
import { renderTemplate, templates } from '../templates.js';
import { ok } from './common.js';

/** A fixed date for the catalogue's timestamps. */
const CATALOGUE_EPOCH = Date.UTC(2024, 6, 18, 4, 4, 21);

export function listTemplates(ctx: Ctx): Reply {
  const name = ctx.query.get('addon_template_name');
  if (name !== null && !ctx.autopilot && (name.length < 2 || name.length > 30))
    throw new CceError('invalid', 'addon_template_name: must be 2 to 30 characters');
  const list = templates(ctx.autopilot).filter((t) => !name || t.name === name || t.alias === name);
  if (name && list.length === 0) throw new CceError('notFound', `Addon template ${name} not exist`);
  return ok({ kind: 'Addon', apiVersion: 'v3', items: list.map((t) => renderTemplate(t, ctx.autopilot, CATALOGUE_EPOCH)) });
}
