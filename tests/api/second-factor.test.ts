import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { totpOf } from '#api/accounts/second-factor.ts';
import type { auth } from '#api/auth.ts';
import { accounts, recoveryCodes } from '#api/db/schema.ts';
import { apiErrorSchema } from '#api/errors.ts';
import { GOOD_PASSWORD, login, makeAccount } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { testClientOf } from '../fixtures/client.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>;

describe('second factor (TOTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.cleanup());

  const signIn = (username: string, code = '', client = 'office') =>
    t.app.request('/api/auth/login', jsonInit('POST', { username, password: GOOD_PASSWORD, code }, { 'x-test-client': client }));
  /** `/api/auth/second-factor` for the session of `cookie`. */
  const factor = (cookie: string) => testClientOf<typeof auth>(t.app, '/api/auth', { cookie })['second-factor'];
  const setUp = async (cookie: string) => (await factor(cookie).setup.$post()).json();
  const confirmCode = (cookie: string, code: string) => factor(cookie).confirm.$post({ json: { code } });

  test('a publisher without one must enrol before she can act; enrolment confirms a code and gives recovery codes once', async () => {
    const p = await makeAccount(t, ['publisher'], { totp: false });
    const first = await signIn(p.username);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ mustEnrol: true });
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const blocked = await t.app.request('/api/admin/warnings', { headers: { cookie } });
    expect(blocked.status).toBe(403);
    expect(apiErrorSchema.parse(await blocked.json()).error.code).toBe('second_factor_required');

    const setup = await setUp(cookie);
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/);
    expect(setup.qrSvg).toMatch(/^<svg/);
    // The secret is stored encrypted, never as the base32 the app shows.
    const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, p.id));
    expect(row?.totpPending).toBeTruthy();
    expect(row?.totpPending).not.toContain(setup.secret);

    const phone = totpOf(setup.secret, p.username);
    const wrong = await confirmCode(cookie, String((Number(phone.generate({ timestamp: t.clock.now })) + 1) % 1e6).padStart(6, '0'));
    expect(wrong.status).toBe(400);
    const ok = await confirmCode(cookie, phone.generate({ timestamp: t.clock.now }));
    expect(ok.status).toBe(200);
    const { recoveryCodes: codes } = await ok.json();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.database.db.select().from(recoveryCodes);
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);
    expect((await t.app.request('/api/admin/warnings', { headers: { cookie } })).status).toBe(200);
    // Enrolling again is refused: a stolen session cannot swap the authenticator.
    expect((await factor(cookie).setup.$post()).status).toBe(409);

    // The confirming code is spent; the next one signs in; a wrong code looks exactly like a wrong password.
    const sameCode = await signIn(p.username, phone.generate({ timestamp: t.clock.now }));
    expect(sameCode.status).toBe(401);
    const noCode = await signIn(p.username, '');
    const wrongPassword = await t.app.request(
      '/api/auth/login',
      jsonInit('POST', { username: p.username, password: 'Not-Her-Password-1', code: '' }, { 'x-test-client': 'office' }),
    );
    expect(await noCode.json()).toEqual(await wrongPassword.json());
    // The first step (name and password, no code) reads the same whether the password was right or not.
    const firstStep = (password: string) =>
      t.app.request('/api/auth/login', jsonInit('POST', { username: p.username, password }, { 'x-test-client': 'office' }));
    const rightFirst = await firstStep(GOOD_PASSWORD);
    const wrongFirst = await firstStep('Not-Her-Password-1');
    expect(rightFirst.status).toBe(401);
    expect(await rightFirst.json()).toEqual(await wrongFirst.json());
    t.clock.advance(30_000);
    const code = phone.generate({ timestamp: t.clock.now });
    expect((await signIn(p.username, code)).status).toBe(200);
    expect((await signIn(p.username, code, 'elsewhere')).status).toBe(401);
  });

  test('a recovery code signs in once, and only such a session may bind a new phone in place of the lost one', async () => {
    const j = await makeAccount(t, ['judge']);
    const cookie = await login(t, j.username);
    const { secret } = await setUp(cookie);
    const confirm = await confirmCode(cookie, totpOf(secret, j.username).generate({ timestamp: t.clock.now }));
    const { recoveryCodes: codes } = await confirm.json();
    expect((await signIn(j.username, '')).status).toBe(401);
    const recovered = await signIn(j.username, codes[0]?.toUpperCase() ?? '', 'home');
    expect(recovered.status).toBe(200);
    expect(await recovered.json()).toMatchObject({ viaRecovery: true });
    expect((await signIn(j.username, codes[0] ?? '', 'home')).status).toBe(401);
    // A session opened with the app's code cannot swap the authenticator; the recovery session can.
    const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    t.clock.advance(30_000);
    const normal = await signIn(j.username, totpOf(secret, j.username).generate({ timestamp: t.clock.now }));
    expect(normal.status).toBe(200);
    expect((await factor(cookieOf(normal)).setup.$post()).status).toBe(409);
    const fresh = await setUp(cookieOf(recovered));
    const replaced = await confirmCode(cookieOf(recovered), totpOf(fresh.secret, j.username).generate({ timestamp: t.clock.now }));
    expect(replaced.status).toBe(200);
    // The lost phone and the old recovery codes stop working; the new phone works.
    t.clock.advance(30_000);
    expect((await signIn(j.username, totpOf(secret, j.username).generate({ timestamp: t.clock.now }))).status).toBe(401);
    expect((await signIn(j.username, codes[1] ?? '')).status).toBe(401);
    expect((await signIn(j.username, totpOf(fresh.secret, j.username).generate({ timestamp: t.clock.now }))).status).toBe(200);
  });
});
