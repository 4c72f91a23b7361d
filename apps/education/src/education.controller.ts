import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload, Transport } from '@nestjs/microservices';
import { IngestReply, patterns } from '@sanbao/contracts';
import { IngestNatsHandler, IngestRpcFilter } from '@sanbao/ingest';

/** Education's NATS edge: the education bureau (县教科局) sends batches to `<prefix>.ingest.education.<kind>`. */
@Controller()
@UseFilters(IngestRpcFilter)
export class EducationNatsController {
  constructor(private readonly requests: IngestNatsHandler) {}

  @MessagePattern(patterns.ingest('education', '*'), Transport.NATS)
  ingest(@Payload() data: Uint8Array, @Ctx() context: NatsContext): Promise<IngestReply> {
    return this.requests.answer(data, context);
  }
}
