import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload, Transport } from '@nestjs/microservices';
import { IngestReply, patterns } from '@sanbao/contracts';
import { IngestNatsHandler, IngestRpcFilter } from '@sanbao/ingest';

/** Housing's NATS edge: the housing bureau sends batches to `<prefix>.ingest.housing.<kind>`. */
@Controller()
@UseFilters(IngestRpcFilter)
export class HousingNatsController {
  constructor(private readonly requests: IngestNatsHandler) {}

  @MessagePattern(patterns.ingest('housing', '*'), Transport.NATS)
  ingest(@Payload() data: Uint8Array, @Ctx() context: NatsContext): Promise<IngestReply> {
    return this.requests.answer(data, context);
  }
}
