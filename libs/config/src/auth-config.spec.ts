import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config';

describe('the API sign-in settings', () => {
  it('falls back to the documented development secret outside production', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.auth).toEqual({
      jwtSecret: DEVELOPMENT_JWT_SECRET,
      jwtExpiresInSeconds: 28800,
      signInRateLimit: 10,
    });
    expect(config.api.bodyLimitKb).toBe(256);
  });

  it('requires a long secret in production and never echoes it', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET: required in production/,
    );
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short-s3cret' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/JWT_SECRET/);
    expect((error as Error).message).not.toMatch(/short-s3cret/);
  });

  it('refuses the development secret in production and takes a real one', () => {
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET }),
    ).toThrow(/development secret may not be used in production/);
    const secret = 'x'.repeat(40);
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      WORKFLOW_ID_SECRET: 'w'.repeat(40),
      WORKFLOW_PAYLOAD_KEY: Buffer.alloc(32, 7).toString('base64'),
      JWT_EXPIRES_IN: '600',
    });
    expect(config.auth.jwtSecret).toBe(secret);
    expect(config.auth.jwtExpiresInSeconds).toBe(600);
  });

  it('names a bad expiry, rate limit and body limit', () => {
    expect(() =>
      loadConfig({ JWT_EXPIRES_IN: 'soon', SIGN_IN_RATE_LIMIT: '0', API_BODY_LIMIT_KB: '-1' }),
    ).toThrow(/JWT_EXPIRES_IN[\s\S]*SIGN_IN_RATE_LIMIT[\s\S]*API_BODY_LIMIT_KB/);
  });
});
