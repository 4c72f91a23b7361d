import type { FieldError } from '../validation';

/** A record the service could not take, by its place in the batch (and line, for CSV). */
export interface RejectedRecord {
  /** 0-based position in `records` */
  index: number;
  /** 1-based line of the CSV file, header included */
  line?: number;
  errors: FieldError[];
}

/**
 * The answer to every ingest batch, HTTP and NATS alike. `signalsRaised` counts signals new to
 * the stream; `duplicateSignals` those it already held (the same record sent again).
 */
export interface IngestReply {
  sector: string;
  kind: string;
  batchId?: string;
  received: number;
  accepted: number;
  rejected: RejectedRecord[];
  signalsRaised: number;
  duplicateSignals: number;
}

/** Why a whole batch was turned away. */
export type IngestErrorCode =
  | 'unauthenticated' // no valid machine key
  | 'wrong_sector' // a key of another sector
  | 'unknown_kind' // no such ingest kind in this sector
  | 'invalid_batch' // the envelope (or CSV file) itself is wrong: nothing was looked at
  | 'too_many_records'
  | 'nothing_accepted' // every record was rejected: see `reply.rejected`
  | 'unavailable'; // NATS or the database is away: send the batch again later

/** The error answer: HTTP body with the status, or the NATS reply. */
export interface IngestErrorReply {
  error: {
    status: number;
    code: IngestErrorCode;
    message: string;
    errors?: FieldError[];
    /** with nothing_accepted: the counts and every record's reasons */
    reply?: IngestReply;
  };
}

/** HTTP status of each error code (the NATS reply carries the same number). */
export const INGEST_ERROR_STATUS: Record<IngestErrorCode, number> = {
  unauthenticated: 401,
  wrong_sector: 403,
  unknown_kind: 404,
  invalid_batch: 400,
  too_many_records: 413,
  nothing_accepted: 422,
  unavailable: 503,
};
