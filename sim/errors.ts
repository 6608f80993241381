/**
 * Errors as the cloud sends them. A handler throws `CceError(kind, message)`; the server renders it in the
 * body format and with the code of the path's family (see README "Error bodies").
 */
import type { JsonObject } from './json.js';

/** standard = /api/v3/projects..., addon = standard add-on manager, autopilot = /autopilot/... (non add-on), apAddon. */
export type Family = 'standard' | 'addon' | 'autopilot' | 'apAddon' | 'gateway';

export type ErrorKind =
  | 'invalid'
  | 'contentType'
  | 'quota'
  | 'tooManyNodes'
  | 'version'
  | 'unsupportedAddon'
  | 'unauthorized'
  | 'forbidden'
  | 'notFound'
  | 'exists'
  | 'locked'
  | 'throttled'
  | 'internal'
  | 'noRoute';

interface CodeDef {
  status: number;
  code: string;
  text: string;
}

const cce: Record<ErrorKind, CodeDef> = {
  invalid: { status: 400, code: 'CCE.01400001', text: 'Invalid request.' },
  contentType: { status: 400, code: 'CCE.01400006', text: 'Content type not supported.' },
  quota: { status: 400, code: 'CCE.01400007', text: 'Insufficient cluster quota.' },
  tooManyNodes: { status: 400, code: 'CCE.01400014', text: 'Excessive nodes in the cluster.' },
  version: { status: 400, code: 'CCE.01400015', text: 'Version not supported.' },
  unsupportedAddon: { status: 400, code: 'CCE.03400001', text: 'Invalid request.' },
  unauthorized: { status: 401, code: 'CCE.01401001', text: 'Authorization failed.' },
  forbidden: { status: 403, code: 'CCE.01403001', text: 'Forbidden.' },
  notFound: { status: 404, code: 'CCE.01404001', text: 'Resource not found.' },
  exists: { status: 409, code: 'CCE.01409001', text: 'The resource already exists.' },
  locked: { status: 429, code: 'CCE.01429002', text: 'Resource locked by other requests.' },
  throttled: { status: 429, code: 'CCE.02429001', text: 'The throttling threshold has been reached.' },
  internal: { status: 500, code: 'CCE.01500001', text: 'Internal error.' },
  noRoute: { status: 404, code: 'APIGW.0101', text: 'The API does not exist or has not been published in the environment.' },
};

const apAddon: Partial<Record<ErrorKind, CodeDef>> = {
  invalid: { status: 400, code: 'CCE.03400001', text: 'Invalid request.' },
  unauthorized: { status: 401, code: 'CCE.03401001', text: 'Authorization failed.' },
  forbidden: { status: 403, code: 'CCE.03403001', text: 'Forbidden.' },
  notFound: { status: 404, code: 'CCE.03404001', text: 'Resource not found.' },
  exists: { status: 409, code: 'CCE.03409001', text: 'Addon instance has installed.' },
  internal: { status: 500, code: 'CCE.03500001', text: 'Internal error.' },
};

const addon: Partial<Record<ErrorKind, CodeDef>> = {
  invalid: { status: 400, code: 'SVCSTG.CCE-ADDONMGR.4000003', text: 'Request Body Error' },
  unsupportedAddon: { status: 400, code: 'SVCSTG.CCE-ADDONMGR.4030302', text: "The cluster can't support the addon" },
  unauthorized: { status: 401, code: 'CCE.03401001', text: 'Authorization failed.' },
  forbidden: { status: 403, code: 'CCE.03403001', text: 'Forbidden.' },
  notFound: { status: 404, code: 'SVCSTG.CCE-ADDONMGR.4040204', text: 'Addon not exist' },
  exists: { status: 409, code: 'CCE.03409001', text: 'Addon instance has installed.' },
  internal: { status: 500, code: 'SVCSTG.CCE-ADDONMGR.500', text: 'internal error' },
};

export function codeFor(family: Family, kind: ErrorKind): CodeDef {
  if (family === 'addon') return addon[kind] ?? cce[kind];
  if (family === 'apAddon') return apAddon[kind] ?? cce[kind];
  return cce[kind];
}

export class CceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Detail appended to the documented message; names the field or object concerned. */
    readonly detail = '',
    /** Overrides the HTTP status (5xx fault injection). */
    readonly statusOverride?: number,
  ) {
    super(detail || kind);
  }
}

export interface ErrorResponse {
  status: number;
  code: string;
  body: JsonObject;
}

export function renderError(family: Family, err: CceError): ErrorResponse {
  const def = codeFor(family, err.kind);
  const message = err.detail ? `${def.text} ${err.detail}` : def.text;
  const status = err.statusOverride ?? def.status;
  if (family === 'addon') return { status, code: def.code, body: { code: def.code, message } };
  if (family === 'autopilot' || family === 'apAddon')
    return { status, code: def.code, body: { errorCode: def.code, errorMessage: message } };
  return { status, code: def.code, body: { error_code: def.code, error_msg: message } };
}
