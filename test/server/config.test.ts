import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  it('defaults to the embedded database on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, PGLITE_DIR: './data/pglite', secureCookies: false });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('refuses to start on a bad setting and names it', () => {
    expect(() => loadConfig({ PORT: 'zeventig', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'zeventig', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toContain('PORT');
      expect((e as Error).message).toContain('DATABASE_URL moet beginnen met postgres://');
    }
  });
});
