import { Inject, Injectable } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { MACHINE_SECTOR } from '@sanbao/auth';
import type { IngestReply } from '@sanbao/contracts';
import type { Sector } from '@sanbao/domain';
import { IngestError } from './ingest.error';
import { IngestService } from './ingest.service';

/**
 * What a sector's `@MessagePattern` handler does with a bureau's request on
 * `<prefix>.ingest.<sector>.<kind>`: the JSON body, then the batch. Failures are thrown;
 * IngestRpcFilter turns them into the reply.
 *
 * No machine key: the bus authenticates each bureau system and lets it request only its own
 * sector's ingest subjects (docs/security.md), so the subject names the sector. A bureau that
 * still sends an `x-api-key` header is answered as before; the header is ignored, never read
 * (a key on the bus is readable by whoever may subscribe, which is why it left).
 */
@Injectable()
export class IngestNatsHandler {
  constructor(
    private readonly ingest: IngestService,
    @Inject(MACHINE_SECTOR) private readonly sector: Sector,
  ) {}

  async answer(data: Uint8Array, context: NatsContext): Promise<IngestReply> {
    const subject = context.getSubject();
    const kind = subject.slice(subject.lastIndexOf('.') + 1);
    // The handler subscribes to its own sector only; this guards a mis-wired subscription.
    if (!subject.endsWith(`.ingest.${this.sector}.${kind}`)) {
      throw new IngestError('wrong_sector', `this service answers ${this.sector} only`);
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(data));
    } catch {
      throw new IngestError('invalid_batch', 'the request is not JSON', [
        { field: '', messages: ['the request body must be a JSON object'] },
      ]);
    }
    return this.ingest.ingest(kind, { body });
  }
}
