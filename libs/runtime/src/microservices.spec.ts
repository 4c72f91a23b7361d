import { ConsoleLogger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { connectMicroservices, TRANSPORT_SERVER } from './microservices';

class IdleServer extends Server implements CustomTransportStrategy {
  listen(callback: () => void): void {
    callback();
  }
  close(): void {}
  on(): void {}
  unwrap<T>(): T {
    throw new Error('nothing to unwrap');
  }
}

@Module({})
class HttpOnlyModule {}

@Module({ providers: [{ provide: TRANSPORT_SERVER, useFactory: () => new IdleServer() }] })
class WithServerModule {}

@Module({ imports: [WithServerModule] })
class AppWithNestedServerModule {}

/** Collects what Nest logs at error level, so a test can say "nothing". */
class ErrorsSeen extends ConsoleLogger {
  readonly errors: unknown[] = [];
  error(message: unknown): void {
    this.errors.push(message);
  }
}

describe('connectMicroservices', () => {
  it('connects nothing and logs no error for an app with HTTP only', async () => {
    const logger = new ErrorsSeen();
    const app = await NestFactory.create(HttpOnlyModule, { logger, abortOnError: false });
    expect(connectMicroservices(app)).toBe(0);
    expect(logger.errors).toEqual([]);
    await app.close();
  });

  it('finds a transport server a nested module provides', async () => {
    const logger = new ErrorsSeen();
    const app = await NestFactory.create(AppWithNestedServerModule, {
      logger,
      abortOnError: false,
    });
    expect(connectMicroservices(app)).toBe(1);
    expect(logger.errors).toEqual([]);
    await app.close();
  });
});
