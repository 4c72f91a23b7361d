import { ConfigError, loadConfig } from './app-config';

const KEY = `sbk_education_${'a'.repeat(43)}`;

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return '';
}

describe('where the API relays console uploads (SECTOR_SERVICE_URLS, SECTOR_UPLOAD_KEYS)', () => {
  it('finds each sector service on this host at its port, with no key by default', () => {
    const config = loadConfig({ WATER_PORT: '4006' });
    expect(config.sectorServices.education).toEqual({ url: 'http://127.0.0.1:3003' });
    expect(config.sectorServices.water).toEqual({ url: 'http://127.0.0.1:4006' });
  });

  it('takes URLs and keys per sector', () => {
    const config = loadConfig({
      SECTOR_SERVICE_URLS: 'education=http://education:3003/,water=https://water.local',
      SECTOR_UPLOAD_KEYS: `education=${KEY}`,
    });
    expect(config.sectorServices.education).toEqual({
      url: 'http://education:3003',
      uploadKey: KEY,
    });
    expect(config.sectorServices.water).toEqual({ url: 'https://water.local' });
    expect(config.sectorServices.medical.uploadKey).toBeUndefined();
  });

  it('refuses a bad list and a key of another sector, without echoing the key', () => {
    expect(problemsOf({ SECTOR_SERVICE_URLS: 'education:3003' })).toMatch(
      /SECTOR_SERVICE_URLS: must be <sector>=<http\(s\) URL> pairs/,
    );
    expect(problemsOf({ SECTOR_UPLOAD_KEYS: 'education=secret' })).toMatch(
      /SECTOR_UPLOAD_KEYS: must be <sector>=<machine key> pairs/,
    );
    const wrong = problemsOf({ SECTOR_UPLOAD_KEYS: `water=${KEY}` });
    expect(wrong).toMatch(/SECTOR_UPLOAD_KEYS: the key given for water is not one of water's/);
    expect(wrong).not.toContain(KEY);
    expect(problemsOf({ SECTOR_UPLOAD_KEYS: 'education=secret' })).not.toContain('secret');
  });
});
