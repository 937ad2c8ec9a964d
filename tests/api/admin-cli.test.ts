import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { totpOf } from '#api/accounts/second-factor.ts';
import { auditLog } from '#api/db/schema.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';

const PASSWORD = 'Scripted-Setup-Pass-88';

describe('admin CLI and the second factor', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'yzready-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t.cleanup();
  });

  /** Runs `npm run admin -- …` against the test database, with the test app's secret. */
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['api/cli/admin.ts', ...args], {
      input: `${PASSWORD}\n`,
      env: { ...process.env, DATA_DIR: dir, DATABASE_URL: t.databaseUrl, SERVER_SECRET: t.env.secret },
      encoding: 'utf8',
    });
  const signIn = (code?: string) =>
    t.app.request('/api/auth/login', jsonInit('POST', { username: 'zhou.fabu', password: PASSWORD, ...(code ? { code } : {}) }));

  test('user add --totp-secret-file enrols the factor and writes the secret for the owner only; reset-totp unbinds it, audited', async () => {
    const file = join(dir, 'zhou.totp');
    const added = cli('user', 'add', 'zhou.fabu', '--roles', 'publisher', '--totp-secret-file', file);
    expect(added.status, added.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8').trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    expect((await signIn()).status).toBe(401);
    const res = await signIn(totpOf(secret, 'zhou.fabu').generate({ timestamp: t.clock.now }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ mustEnrol: false, account: { totp: true } });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

    const reset = cli('user', 'reset-totp', 'zhou.fabu');
    expect(reset.status, reset.stderr).toBe(0);
    // Her sessions end; the password alone now leads only to enrolling a new phone.
    expect((await t.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
    const again = await signIn();
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ mustEnrol: true });
    const actions = (await t.database.db.select().from(auditLog)).map((r) => `${r.actorName} ${r.action}`);
    expect(actions).toEqual(expect.arrayContaining(['cli account.second_factor.enrol', 'cli account.second_factor.reset']));
    // Two CLI processes, each starting Node and migrating: slow on a busy machine.
  }, 120_000);
});
