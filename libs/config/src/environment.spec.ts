import { ConfigError, loadConfig } from './environment';

describe('loadConfig', () => {
  it('fills every default when the environment is empty', () => {
    const config = loadConfig({});
    expect(config.database.url).toBe('postgres://postgres@127.0.0.1:5432/sanbao');
    expect(config.nats).toEqual({ servers: ['nats://127.0.0.1:4222'], prefix: 'sanbao' });
    expect(config.temporal.address).toBe('127.0.0.1:7233');
    expect(config.ports.api).toBe(3000);
    expect(config.ports.water).toBe(3006);
  });

  it('reads ports as numbers and several NATS servers', () => {
    const config = loadConfig({ API_PORT: '8080', NATS_URL: 'nats://a:1,nats://b:2' });
    expect(config.ports.api).toBe(8080);
    expect(config.nats.servers).toEqual(['nats://a:1', 'nats://b:2']);
  });

  it('names each bad variable and never echoes its value', () => {
    let error: unknown;
    try {
      loadConfig({ API_PORT: 'eighty', DATABASE_URL: 'mysql://root:s3cret@db/x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/API_PORT/);
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
    expect(message).not.toMatch(/s3cret/);
  });
});
