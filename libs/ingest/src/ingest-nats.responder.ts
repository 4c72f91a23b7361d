import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { MACHINE_KEY_HEADER, MACHINE_SECTOR, MachineKeyService } from '@sanbao/auth';
import { IngestErrorReply, IngestReply, subjects } from '@sanbao/contracts';
import type { Sector } from '@sanbao/domain';
import { NatsService } from '@sanbao/messaging';
import { Msg, Subscription } from 'nats';
import { errorReply } from './ingest-errors';
import { IngestError } from './ingest.error';
import { IngestService } from './ingest.service';

/**
 * NATS request/reply on `<prefix>.ingest.<sector>.<kind>`, in a queue group so that several
 * instances share the load. A plain subscription rather than Nest's NATS transport: the
 * subject's prefix is runtime configuration (each test run has its own), while @MessagePattern
 * is fixed when the class is loaded; and bureaus get plain JSON replies, not Nest's envelope.
 */
@Injectable()
export class IngestNatsResponder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('IngestNats');
  private subscription?: Subscription;
  private stopped = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly nats: NatsService,
    private readonly ingest: IngestService,
    private readonly keys: MachineKeyService,
    @Inject(MACHINE_SECTOR) private readonly sector: Sector,
  ) {}

  onApplicationBootstrap(): void {
    // NATS connects in the background; subscribe as soon as it is there.
    void this.nats.ready().then((nc) => {
      if (this.stopped) return;
      const subject = subjects(this.nats.prefix).ingest(this.sector, '*');
      this.subscription = nc.subscribe(subject, {
        queue: `${this.nats.prefix}-ingest-${this.sector}`,
        callback: (error, msg) => {
          if (error) {
            this.logger.warn(`subscription error: ${error.message}`);
            return;
          }
          const work = this.answer(msg).finally(() => this.inFlight.delete(work));
          this.inFlight.add(work);
        },
      });
      this.logger.log(`answering ingest requests on ${subject}`);
    });
  }

  /** Stops taking requests, answers the ones in hand, then lets the connection close. */
  // onModuleDestroy, not onApplicationShutdown: it runs before the global NATS and Temporal
  // modules close their connections, so the work in hand can still be acknowledged.
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.subscription && !this.subscription.isClosed()) {
      await this.subscription.drain().catch(() => undefined);
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private async answer(msg: Msg): Promise<void> {
    const kind = msg.subject.slice(msg.subject.lastIndexOf('.') + 1);
    let response: IngestReply | IngestErrorReply;
    try {
      response = await this.handle(kind, msg);
    } catch (error) {
      response = errorReply(error);
    }
    if (msg.reply) msg.respond(new TextEncoder().encode(JSON.stringify(response)));
  }

  private async handle(kind: string, msg: Msg): Promise<IngestReply> {
    const authorization = await this.keys.authorize(
      msg.headers?.get(MACHINE_KEY_HEADER),
      this.sector,
    );
    if (!authorization.ok) {
      throw authorization.reason === 'wrong_sector'
        ? new IngestError('wrong_sector', `this key is not a ${this.sector} key`)
        : new IngestError('unauthenticated', `a valid ${MACHINE_KEY_HEADER} header is required`);
    }
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(msg.data));
    } catch {
      throw new IngestError('invalid_batch', 'the request is not JSON', [
        { field: '', messages: ['the request body must be a JSON object'] },
      ]);
    }
    return this.ingest.ingest(kind, { body });
  }
}
