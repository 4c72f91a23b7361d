import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload, Transport } from '@nestjs/microservices';
import { IngestReply, patterns } from '@sanbao/contracts';
import { IngestNatsHandler, IngestRpcFilter } from '@sanbao/ingest';

/** Water's NATS edge: the water bureau sends batches to `<prefix>.ingest.water.<kind>`. */
@Controller()
@UseFilters(IngestRpcFilter)
export class WaterNatsController {
  constructor(private readonly requests: IngestNatsHandler) {}

  @MessagePattern(patterns.ingest('water', '*'), Transport.NATS)
  ingest(@Payload() data: Uint8Array, @Ctx() context: NatsContext): Promise<IngestReply> {
    return this.requests.answer(data, context);
  }
}
