import type { BureauUploadEntity } from '@sanbao/persistence';

/** A kind a sector takes as a file, and the fields its upload form adds to the rows. */
export interface BureauFileKind {
  kind: string;
  /** the kind's Chinese name (the template's title) */
  title: string;
  fields: Array<{ name: string; required: boolean }>;
}

/** An upload's progress, and at the end its outcome. */
export interface BureauUpload {
  id: string;
  sector: string;
  kind: string;
  fileName: string;
  format: string;
  /** checking: records are being relayed; done: every row answered for; failed: see failure */
  status: 'checking' | 'done' | 'failed';
  /** rows the file held */
  received: number;
  /** rows the sector service has answered for so far */
  processed: number;
  accepted: number;
  rejected: number;
  signalsRaised: number;
  duplicateSignals: number;
  failure: { code: string; message: string } | null;
  /** where the sheet of rejected rows is (row, column, reason in Chinese); null when none */
  errorSheet: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An upload whose relay has not moved for this long died with its API instance. */
export const STALLED_AFTER_MS = 5 * 60_000;

export function uploadView(row: BureauUploadEntity, now = Date.now()): BureauUpload {
  const stalled = row.status === 'checking' && now - row.updatedAt.getTime() > STALLED_AFTER_MS;
  const base = `/bureau-files/${row.sector}/${row.kind}/uploads/${row.id}`;
  return {
    id: row.id,
    sector: row.sector,
    kind: row.kind,
    fileName: row.fileName,
    format: row.format,
    status: stalled ? 'failed' : row.status,
    received: row.received,
    processed: row.processed,
    accepted: row.accepted,
    rejected: row.rejected.length,
    signalsRaised: row.signalsRaised,
    duplicateSignals: row.duplicateSignals,
    failure: stalled
      ? { code: 'interrupted', message: 'the upload stopped part-way; send the file again' }
      : row.failure,
    errorSheet: row.rejected.length > 0 ? `${base}/errors.xlsx` : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
