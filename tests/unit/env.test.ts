import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { EnvError, loadEnv } from '#api/env.ts';

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

  test('takes TRUST_PROXY as addresses and CIDR ranges, and refuses anything else', () => {
    const env = loadEnv({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8, fd00::/8' }, tempDir());
    expect(['127.0.0.1', '10.200.3.4', '::ffff:10.1.1.1', 'fd12::1'].map((a) => env.trustProxy.trusts(a))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['127.0.0.2', '11.0.0.1', '2001:db8::1', 'unknown'].map((a) => env.trustProxy.trusts(a))).toEqual([false, false, false, false]);
    expect(loadEnv({}, tempDir()).trustProxy.size).toBe(0);
    for (const bad of ['nginx', '10.0.0.0/33', '10.0.0.1/', '1.2.3'])
      expect(() => loadEnv({ TRUST_PROXY: bad }, tempDir())).toThrow(/TRUST_PROXY/);
  });

  test('allows STAFF_TOTP=optional only on a loopback http SITE_URL', () => {
    expect(loadEnv({}, tempDir()).staffTotp).toBe('required');
    for (const site of ['http://127.0.0.1:4321', 'http://localhost:8080', 'http://[::1]:4321'])
      expect(loadEnv({ STAFF_TOTP: 'optional', SITE_URL: site }, tempDir()).staffTotp).toBe('optional');
    for (const site of ['https://127.0.0.1:8443', 'http://192.168.1.10:4321', 'https://yjzx.yangzhou.gov.cn'])
      expect(() => loadEnv({ STAFF_TOTP: 'optional', SITE_URL: site }, tempDir())).toThrow(/STAFF_TOTP/);
    expect(() => loadEnv({ STAFF_TOTP: 'off' }, tempDir())).toThrow(/STAFF_TOTP: 应为 required 或 optional/);
  });

  test('generates the server secret once and keeps it', () => {
    const dir = tempDir();
    const first = loadEnv({}, dir).secret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first);
    expect(loadEnv({}, dir).secret).toBe(first);
  });
});
