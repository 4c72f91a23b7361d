import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload, Transport } from '@nestjs/microservices';
import { IngestReply, patterns } from '@sanbao/contracts';
import { IngestNatsHandler, IngestRpcFilter } from '@sanbao/ingest';

/** Medical's NATS edge: the medical security bureau and hospitals send batches to `<prefix>.ingest.medical.<kind>`. */
@Controller()
@UseFilters(IngestRpcFilter)
export class MedicalNatsController {
  constructor(private readonly requests: IngestNatsHandler) {}

  @MessagePattern(patterns.ingest('medical', '*'), Transport.NATS)
  ingest(@Payload() data: Uint8Array, @Ctx() context: NatsContext): Promise<IngestReply> {
    return this.requests.answer(data, context);
  }
}
