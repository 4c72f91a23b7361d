import { Inject, Injectable } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { MACHINE_KEY_HEADER, MACHINE_SECTOR, MachineKeyService } from '@sanbao/auth';
import type { IngestReply } from '@sanbao/contracts';
import type { Sector } from '@sanbao/domain';
import type { MsgHdrs } from 'nats';
import { IngestError } from './ingest.error';
import { IngestService } from './ingest.service';

/**
 * What a sector's `@MessagePattern` handler does with a bureau's request on
 * `<prefix>.ingest.<sector>.<kind>`: the machine key in the header first, then the JSON body,
 * then the batch. Failures are thrown; IngestRpcFilter turns them into the reply.
 */
@Injectable()
export class IngestNatsHandler {
  constructor(
    private readonly ingest: IngestService,
    private readonly keys: MachineKeyService,
    @Inject(MACHINE_SECTOR) private readonly sector: Sector,
  ) {}

  async answer(data: Uint8Array, context: NatsContext): Promise<IngestReply> {
    const subject = context.getSubject();
    const kind = subject.slice(subject.lastIndexOf('.') + 1);
    const headers = context.getHeaders() as MsgHdrs | undefined;
    const authorization = await this.keys.authorize(headers?.get(MACHINE_KEY_HEADER), this.sector);
    if (!authorization.ok) {
      throw authorization.reason === 'wrong_sector'
        ? new IngestError('wrong_sector', `this key is not a ${this.sector} key`)
        : new IngestError('unauthenticated', `a valid ${MACHINE_KEY_HEADER} header is required`);
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
