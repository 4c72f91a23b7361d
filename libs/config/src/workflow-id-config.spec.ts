import { ConfigError, DEVELOPMENT_WORKFLOW_ID_SECRET, loadConfig } from './environment';

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
