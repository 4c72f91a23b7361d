/**
 * Why a caller was turned away or a user change refused. The API's exception filter maps each
 * code to an HTTP status; messages never carry a password, a token or personal data.
 */
export type AuthErrorCode =
  | 'unauthenticated' // no token, or a forged, expired or revoked one
  | 'invalid_credentials' // sign-in with a wrong username or password (never says which)
  | 'forbidden' // signed in, but the role or scope does not allow this
  | 'username_taken'
  | 'unknown_user'
  | 'invalid_scope'; // a role with the wrong scope, or a village / township that does not exist

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string,
    /** field -> problems, for the 422 answer of a refused user change */
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
