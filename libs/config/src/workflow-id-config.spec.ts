import { ConfigError, DEVELOPMENT_WORKFLOW_ID_SECRET, loadConfig } from './app-config';

const JWT_SECRET = 'j'.repeat(40);

describe('the workflow id secret', () => {
  it('falls back to the documented development secret outside production, legacy lookup on', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.temporal.workflowIdSecret).toBe(DEVELOPMENT_WORKFLOW_ID_SECRET);
    expect(config.temporal.legacyWorkflowIds).toBe(true);
  });

  it('is required in production, at least 32 characters, and never echoed', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET })).toThrow(
      /WORKFLOW_ID_SECRET: required in production/,
    );
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', JWT_SECRET, WORKFLOW_ID_SECRET: 'short-s3cret' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/WORKFLOW_ID_SECRET/);
    expect((error as Error).message).not.toMatch(/short-s3cret/);
  });

  it('refuses the development secret in production and takes a real one', () => {
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET,
        WORKFLOW_ID_SECRET: DEVELOPMENT_WORKFLOW_ID_SECRET,
      }),
    ).toThrow(/WORKFLOW_ID_SECRET: the development secret may not be used in production/);
    const secret = 'w'.repeat(40);
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET,
      WORKFLOW_ID_SECRET: secret,
      WORKFLOW_ID_LEGACY_LOOKUP: 'off',
      WORKFLOW_PAYLOAD_KEY: Buffer.alloc(32, 7).toString('base64'),
    });
    expect(config.temporal.workflowIdSecret).toBe(secret);
    expect(config.temporal.legacyWorkflowIds).toBe(false);
  });

  it('names a bad legacy lookup switch', () => {
    expect(() => loadConfig({ WORKFLOW_ID_LEGACY_LOOKUP: 'yes' })).toThrow(
      /WORKFLOW_ID_LEGACY_LOOKUP/,
    );
  });
});

describe('the workflow payload key', () => {
  const KEY = Buffer.alloc(32, 7).toString('base64');

  it('is optional outside production: payloads then go in the clear', () => {
    const config = loadConfig({ NODE_ENV: 'test' });
    expect(config.temporal.payloadKey).toBeUndefined();
    expect(config.temporal.previousPayloadKeys).toEqual([]);
  });

  it('is required in production, must be 32 bytes in base64, and is never echoed', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET, WORKFLOW_ID_SECRET: 'w'.repeat(40) };
    expect(() => loadConfig(production)).toThrow(/WORKFLOW_PAYLOAD_KEY: required in production/);
    let error: unknown;
    try {
      loadConfig({ ...production, WORKFLOW_PAYLOAD_KEY: 'c2hvcnQta2V5' });
    } catch (e) {
      error = e;
    }
    expect((error as Error).message).toMatch(/WORKFLOW_PAYLOAD_KEY/);
    expect((error as Error).message).not.toMatch(/c2hvcnQta2V5/);
    const config = loadConfig({
      ...production,
      WORKFLOW_PAYLOAD_KEY: KEY,
      WORKFLOW_PAYLOAD_KEYS_PREVIOUS: `${Buffer.alloc(32, 1).toString('base64')},${Buffer.alloc(32, 2).toString('base64')}`,
    });
    expect(config.temporal.payloadKey).toBe(KEY);
    expect(config.temporal.previousPayloadKeys).toHaveLength(2);
  });

  it('names bad previous keys', () => {
    expect(() => loadConfig({ WORKFLOW_PAYLOAD_KEYS_PREVIOUS: 'nope' })).toThrow(
      /WORKFLOW_PAYLOAD_KEYS_PREVIOUS/,
    );
  });
});
