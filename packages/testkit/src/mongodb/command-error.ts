/**
 * MongoDB's error vocabulary: the numeric code and its `codeName` as the server
 * reports them (src/mongo/base/error_codes.yml). Only the codes this test server
 * raises are listed; codes without a name in that file are reported by MongoDB as
 * `Location<code>`, which `codeNameOf` reproduces.
 */
const CODE_NAMES: Readonly<Record<number, string>> = {
  1: 'InternalError',
  2: 'BadValue',
  9: 'FailedToParse',
  11: 'UserNotFound',
  13: 'Unauthorized',
  14: 'TypeMismatch',
  17: 'ProtocolError',
  18: 'AuthenticationFailed',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  31: 'RoleNotFound',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  50: 'MaxTimeMSExpired',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  115: 'CommandNotSupported',
  165: 'ViewDepthLimitExceeded',
  166: 'CommandNotSupportedOnView',
  167: 'OptionNotSupportedOnView',
  223: 'IllegalOpMsgFlag',
  238: 'NotImplemented',
  288: 'ChecksumMismatch',
  334: 'MechanismUnavailable',
  352: 'UnsupportedOpQueryCommand',
  11000: 'DuplicateKey',
};

export function codeNameOf(code: number): string {
  return CODE_NAMES[code] ?? `Location${code}`;
}

/**
 * A command failure the server reports as `{ ok: 0, errmsg, code, codeName }`,
 * which the driver turns into a `MongoServerError` carrying the same fields.
 */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly codeName: string;

  constructor(code: number, message: string) {
    super(message);
    this.name = 'MongoCommandError';
    this.code = code;
    this.codeName = codeNameOf(code);
  }

  toReply(): { ok: 0; errmsg: string; code: number; codeName: string } {
    return { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName };
  }
}

/** Shorthand for the most common failure: a malformed argument (code 2, BadValue). */
export function badValue(message: string): MongoCommandError {
  return new MongoCommandError(2, message);
}
