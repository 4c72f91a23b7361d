import { ConsoleLogger, DynamicModule, INestApplication, LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, AppName, ConfigError, loadConfig } from '@sanbao/config';
import { connectMicroservices } from './microservices';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

export function createLogger(name: AppName, config: AppConfig): ConsoleLogger {
  return new ConsoleLogger(name, {
    json: config.env === 'production',
    logLevels: LEVELS.slice(0, LEVELS.indexOf(config.logLevel) + 1),
  });
}

/**
 * Starts one app: validates the configuration first (a bad variable ends the process with a
 * message naming it), then listens on the app's port with shutdown hooks on, and starts the
 * app's transports (which wait for NATS in the background, like its health endpoint does).
 */
export async function bootstrapApp(
  name: AppName,
  moduleFor: (config: AppConfig) => DynamicModule,
  configure?: (app: INestApplication, config: AppConfig) => Promise<void> | void,
): Promise<INestApplication> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[${name}] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(name, config);
  // abortOnError off: an error while wiring the app is thrown to the caller (and its message
  // logged once by the launcher), not turned into process.exit(1) by Nest.
  const app = await NestFactory.create(moduleFor(config), { logger, abortOnError: false });
  app.enableShutdownHooks();
  await configure?.(app, config);
  connectMicroservices(app);
  await app.listen(config.ports[name], config.host);
  await app.startAllMicroservices();
  logger.log(`listening on http://${config.host}:${config.ports[name]}`);
  return app;
}
