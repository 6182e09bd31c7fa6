// The service's environment: defaults a fresh deployment gets, and start-up refusing a bad value with a
// message that names the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('service configuration', () => {
  it('starts with documented defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', PORT: 8080, RAPPORT_KEEP_TEXT: false, RAPPORT_SEGMENTS_EVERY_MS: 6 * 3_600_000 });
    expect(c.RAPPORT_ADMIN_KEY).toBeUndefined();
  });

  it('reads values, treating empty strings as unset', () => {
    const c = loadConfig({ PORT: '9090', RAPPORT_KEEP_TEXT: 'yes', RAPPORT_SEGMENTS_EVERY_MS: '0', REDIS_URL: '' });
    expect(c).toMatchObject({ PORT: 9090, RAPPORT_KEEP_TEXT: true, RAPPORT_SEGMENTS_EVERY_MS: 0, REDIS_URL: 'redis://127.0.0.1:6379' });
  });

  it('names every bad variable in one error', () => {
    const bad = () => loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', RAPPORT_SEGMENTS_EVERY_MS: '-5', RAPPORT_ADMIN_KEY: 'short' });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (err) {
      const msg = (err as Error).message;
      for (const name of ['PORT', 'REDIS_URL', 'RAPPORT_SEGMENTS_EVERY_MS', 'RAPPORT_ADMIN_KEY']) expect(msg).toContain(`${name}:`);
      expect(msg).not.toContain('RAPPORT_KEEP_TEXT');
    }
  });
});
