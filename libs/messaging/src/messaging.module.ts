import { DynamicModule, Global, Module } from '@nestjs/common';
import { NatsService } from './nats.service';

@Global()
@Module({})
export class MessagingModule {
  static forRoot(): DynamicModule {
    return { module: MessagingModule, providers: [NatsService], exports: [NatsService] };
  }
}
