/** Errors of the API's own services; the exception filter maps each code to an HTTP status. */
export type ApiErrorCode =
  | 'invalid_content' // fields that break the rules: 422 with the fields
  | 'bad_request' // a request that cannot be read at all
  | 'not_found'
  | 'conflict'
  | 'forbidden' // outside the caller's scope
  | 'unavailable'; // a dependency (Temporal, the database) is away: try again

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
