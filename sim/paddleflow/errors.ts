/**
 * PaddleFlow's error responses: `{"requestID", "code", "message"}` with the HTTP status PaddleFlow's server maps each
 * code to (pkg/apiserver/common/errors.go). A handler throws PfError(code[, message]); without a message the code's
 * default text is sent, as the server's RenderErrWithMessage does when the controller left the message empty.
 */

/** code → [HTTP status, default message] (codes without a default message send ""). */
export const PF_ERRORS = {
  AuthWithoutToken: [400, 'Request should login first'],
  AuthInvalidToken: [400, 'Invalid token. Please re-login'],
  AuthFailed: [400, 'Username or password not correct'],
  MalformedJSON: [400, 'The JSON provided was not well-formatted'],
  InvalidURI: [400, 'Could not parse the specified URI.'],
  InvalidNamePattern: [400, 'Name pattern does not match regex rule'],
  InvalidMarker: [400, 'The marker is invalid'],
  OnlyRootAllowed: [403, 'This operation is only allowed for root user'],
  ClusterNameNotFound: [400, 'ClusterName does not exist'],
  ClusterNotFound: [400, 'Cluster not found'],
  InvalidClusterProperties: [400, 'Cluster properties wrong'],
  InvalidClusterCredential: [400, 'Cluster credential wrong'],
  PathNotFound: [404, ''],
  MethodNotAllowed: [405, ''],
  InternalError: [500, 'We encountered an internal error. Please try again.'],
} as const satisfies Record<string, readonly [number, string]>;

export type PfCode = keyof typeof PF_ERRORS;

export class PfError extends Error {
  constructor(
    readonly code: PfCode,
    message?: string,
  ) {
    super(message || PF_ERRORS[code][1]);
  }

  get status(): number {
    return PF_ERRORS[this.code][0];
  }
}

export function errorBody(requestID: string, e: PfError): { requestID: string; code: string; message: string } {
  return { requestID, code: e.code, message: e.message };
}
