import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { UsersRepository, UsersService } from '@sanbao/auth';
import { AppConfig, ConfigModule, getConfig } from '@sanbao/config';
import { Database, PersistenceModule } from '@sanbao/persistence';
import { DivisionsService } from '../admin/divisions.service';

@Module({
  providers: [UsersRepository, UsersService, DivisionsService],
  exports: [UsersService, DivisionsService],
})
class CliServicesModule {}

/** The API's services without HTTP, for commands: users, divisions, and the database. */
export async function cliContext(
  config: AppConfig = getConfig(),
): Promise<INestApplicationContext> {
  @Module({
    imports: [ConfigModule.forRoot(config), PersistenceModule.forRoot(), CliServicesModule],
  })
  class CliModule {}
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  const database = context.get(Database);
  const deadline = Date.now() + 30_000;
  while (!database.isConnected) {
    if (Date.now() > deadline) {
      await context.close();
      throw new Error(`the database is not reachable: ${database.error ?? 'no answer'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return context;
}

/** The whole of standard input (a password piped in), without its final line break. */
export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
