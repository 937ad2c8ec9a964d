import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EnvError, loadEnv } from '../../api/env.ts';

describe('loadEnv', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'yzready-env-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  test('returns the documented defaults when nothing is set', () => {
    const dir = tempDir();
    const env = loadEnv({}, dir);
    expect(env).toMatchObject({
      databaseUrl: `file:${join(dir, 'app.db')}`,
      host: '127.0.0.1',
      port: 4321,
      siteOrigin: 'http://127.0.0.1:4321',
    });
    // An explicit DATABASE_URL wins over DATA_DIR.
    expect(loadEnv({ DATABASE_URL: 'http://127.0.0.1:8080' }, dir).databaseUrl).toBe('http://127.0.0.1:8080');
  });

  test('names the variable and what it should be when a value is bad', () => {
    expect(() => loadEnv({ PORT: 'eighty' }, tempDir())).toThrow(EnvError);
    expect(() => loadEnv({ PORT: '70000' }, tempDir())).toThrow(/PORT: 应在 1–65535 之间/);
    expect(() => loadEnv({ DATABASE_URL: 'postgres://x' }, tempDir())).toThrow(/DATABASE_URL/);
    expect(() => loadEnv({ SITE_URL: 'not a url' }, tempDir())).toThrow(/SITE_URL/);
  });

  test('generates the server secret once and keeps it', () => {
    const dir = tempDir();
    const first = loadEnv({}, dir).secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first);
    expect(loadEnv({}, dir).secret).toBe(first);
  });
});
