import type { IngestErrorReply, IngestReply } from '@sanbao/contracts';
import type { Sector } from '@sanbao/domain';

/** The sector service turned a slice away for good (its key, the kind, the envelope). */
export class RelayRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RelayRefused';
  }
}

/** How the API reaches one sector service's JSON ingest route. */
export interface SectorEndpoint {
  sector: Sector;
  url: string;
  key: string;
}

const ATTEMPTS = 4;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one slice of an upload's records to `POST <url>/ingest/<kind>` with the API's machine
 * key for that sector, as a bureau system would. A slice whose every record is refused comes
 * back as a reply too (the service's 422 carries it). The service being away (connection
 * refused, 503) is retried with backoff: the signals a slice raises are deduplicated by the
 * stream, so a slice sent twice counts once. Anything else is a RelayRefused.
 */
export async function relaySlice(
  endpoint: SectorEndpoint,
  kind: string,
  batch: Record<string, unknown>,
): Promise<IngestReply> {
  let last: RelayRefused | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    let response: Response;
    try {
      response = await fetch(`${endpoint.url}/ingest/${encodeURIComponent(kind)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          'x-api-key': endpoint.key,
        },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(120_000),
      });
    } catch {
      last = new RelayRefused('unavailable', `the ${endpoint.sector} service cannot be reached`);
      await sleep(500 * 2 ** attempt);
      continue;
    }
    const body = (await response.json().catch(() => ({}))) as
      IngestReply | Partial<IngestErrorReply>;
    if (response.ok) return body as IngestReply;
    const error = (body as Partial<IngestErrorReply>).error;
    if (error?.code === 'nothing_accepted' && error.reply) return error.reply;
    if (response.status === 503 || response.status >= 500) {
      last = new RelayRefused('unavailable', `the ${endpoint.sector} service is away`);
      await sleep(500 * 2 ** attempt);
      continue;
    }
    throw new RelayRefused(
      error?.code ?? `http_${response.status}`,
      error?.message ?? `the ${endpoint.sector} service answered ${response.status}`,
    );
  }
  throw last ?? new RelayRefused('unavailable', `the ${endpoint.sector} service is away`);
}
