import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { IDLE_TIMEOUT_MS } from '#api/accounts/sessions.ts';
import type { adminAccounts } from '#api/admin/accounts.ts';
import type { adminAudit } from '#api/admin/audit.ts';
import type { auth } from '#api/auth.ts';
import { apiErrorSchema } from '#api/errors.ts';
import { GOOD_PASSWORD, login, makeAccount, signedIn, totpCode } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit, TEST_ORIGIN } from '../fixtures/app.ts';
import { testClientOf } from '../fixtures/client.ts';

describe('accounts and sessions', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.cleanup());

  const me = (cookie: string) => t.app.request('/api/auth/me', { headers: { cookie } });

  test('logs in with a session cookie that is httpOnly and SameSite=Strict, and returns the roles', async () => {
    const a = await makeAccount(t, ['judge']);
    const res = await t.app.request('/api/auth/login', jsonInit('POST', { username: a.username, password: GOOD_PASSWORD }));
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const signedInAs = testClientOf<typeof auth>(t.app, '/api/auth', { cookie: setCookie.split(';')[0] ?? '' });
    const body = await (await signedInAs.me.$get()).json();
    expect(body.account.roles).toEqual(['judge']);
  });

  test('answers an unknown user and a wrong password the same way', async () => {
    const a = await makeAccount(t, ['judge']);
    const wrong = await t.app.request(
      '/api/auth/login',
      jsonInit('POST', { username: a.username, password: 'not-the-password' }, { 'x-test-client': 'c1' }),
    );
    const unknown = await t.app.request(
      '/api/auth/login',
      jsonInit('POST', { username: 'nobody-here', password: 'not-the-password' }, { 'x-test-client': 'c2' }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  test('never returns the password hash from any endpoint', async () => {
    const { cookie } = await signedIn(t, ['admin']);
    for (const path of ['/api/auth/me', '/api/admin/accounts']) {
      const text = await (await t.app.request(path, { headers: { cookie } })).text();
      expect(text).not.toMatch(/scrypt|passwordHash|password_hash/);
    }
  });

  test('ends a session after the idle timeout', async () => {
    const { cookie } = await signedIn(t, ['judge']);
    expect((await me(cookie)).status).toBe(200);
    t.clock.advance(IDLE_TIMEOUT_MS + 1000);
    expect((await me(cookie)).status).toBe(401);
  });

  test('takes access away from a disabled account at once', async () => {
    const admin = await signedIn(t, ['admin']);
    const victim = await signedIn(t, ['publisher']);
    expect((await me(victim.cookie)).status).toBe(200);
    const res = await t.app.request(
      `/api/admin/accounts/${victim.account.id}`,
      jsonInit('PUT', { disabled: true }, { cookie: admin.cookie }),
    );
    expect(res.status).toBe(200);
    expect((await me(victim.cookie)).status).toBe(401);
    const again = await t.app.request(
      '/api/auth/login',
      jsonInit('POST', { username: victim.account.username, password: GOOD_PASSWORD, code: totpCode(t, victim.account.username) }),
    );
    expect(again.status).toBe(401);
  });

  test('logs out, the cookie stops working and the browser is told to forget it', async () => {
    const { cookie } = await signedIn(t, ['judge']);
    const res = await t.app.request('/api/auth/logout', jsonInit('POST', {}, { cookie }));
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/^yz_session=; Max-Age=0; Path=\//);
    expect((await me(cookie)).status).toBe(401);
  });

  test('refuses a cross-origin request that carries a valid cookie', async () => {
    const { cookie } = await signedIn(t, ['admin']);
    const body = { username: 'evil-created', displayName: '攻击者', password: 'Another-Good-Pass-9', roles: ['admin'] };
    const crossSite = await t.app.request('/api/admin/accounts', jsonInit('POST', body, { cookie, origin: 'https://evil.example' }));
    expect(crossSite.status).toBe(403);
    const noHeader = await t.app.request('/api/admin/accounts', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, cookie },
    });
    expect(noHeader.status).toBe(403);
    const list = await (await testClientOf<typeof adminAccounts>(t.app, '/api/admin/accounts', { cookie }).index.$get()).json();
    expect(list.accounts.map((a) => a.username)).not.toContain('evil-created');
  });

  test('changes your own password only with the current one, and refuses common passwords', async () => {
    const { account, cookie } = await signedIn(t, ['judge']);
    const wrong = await t.app.request(
      '/api/auth/password',
      jsonInit('POST', { current: 'wrong-password-1', next: 'New-Strong-Pass-31' }, { cookie }),
    );
    expect(wrong.status).toBe(400);
    const common = await t.app.request(
      '/api/auth/password',
      jsonInit('POST', { current: GOOD_PASSWORD, next: 'qwertyuiop123' }, { cookie }),
    );
    expect(apiErrorSchema.parse(await common.json()).error.code).toBe('weak_password');
    const ok = await t.app.request(
      '/api/auth/password',
      jsonInit('POST', { current: GOOD_PASSWORD, next: 'New-Strong-Pass-31' }, { cookie }),
    );
    expect(ok.status).toBe(200);
    expect(await login(t, account.username, 'New-Strong-Pass-31')).toMatch(/yz_session=/);
  });

  test('lets an admin create an organiser only with a unit, and records it in the audit log', async () => {
    const { cookie } = await signedIn(t, ['admin']);
    const noUnit = await t.app.request(
      '/api/admin/accounts',
      jsonInit('POST', { username: 'teacher-li', displayName: '李老师', password: 'Classroom-Safe-88', roles: ['organizer'] }, { cookie }),
    );
    expect(noUnit.status).toBe(400);
    const ok = await t.app.request(
      '/api/admin/accounts',
      jsonInit(
        'POST',
        {
          username: 'teacher-li',
          displayName: '李老师',
          password: 'Classroom-Safe-88',
          roles: ['organizer'],
          unitName: '扬州市育才小学',
          unitDistrict: '321002',
        },
        { cookie },
      ),
    );
    expect(ok.status).toBe(201);
    const auditLog = testClientOf<typeof adminAudit>(t.app, '/api/admin/audit', { cookie });
    const audit = await (await auditLog.index.$get({ query: { action: 'account.create' } })).json();
    expect(audit.entries.length).toBeGreaterThan(0);
    const csv = await t.app.request('/api/admin/audit/export.csv', { headers: { cookie } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain('account.create');
    // Ten past midnight in Yangzhou is still yesterday in UTC: the file is named for Yangzhou's date.
    const saved = t.clock.now;
    t.clock.now = Date.parse('2027-05-13T00:10:00+08:00');
    try {
      const night = await signedIn(t, ['admin']);
      const late = await t.app.request('/api/admin/audit/export.csv', { headers: { cookie: night.cookie } });
      expect(decodeURIComponent(late.headers.get('content-disposition') ?? '')).toContain('审计日志-2027-05-13.csv');
    } finally {
      t.clock.now = saved;
    }
  });
});

describe('accounts on an https site', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  beforeAll(async () => {
    t = await createTestApp({ SITE_URL: 'https://yjzx.yangzhou.example' });
  });
  afterAll(async () => t.cleanup());

  test('sets a __Host- Secure cookie and clears that same cookie on sign-out', async () => {
    const a = await makeAccount(t, ['judge']);
    const origin = 'https://yjzx.yangzhou.example';
    const res = await t.app.request('/api/auth/login', jsonInit('POST', { username: a.username, password: GOOD_PASSWORD }, { origin }));
    const set = res.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^__Host-yz_session=[\w-]{20,};/);
    expect(set).toMatch(/; Secure/);
    const cookie = set.split(';')[0] ?? '';
    const out = await t.app.request('/api/auth/logout', jsonInit('POST', {}, { cookie, origin }));
    // Exactly the name it was set with (once prefixed), emptied, expired and Secure: the browser drops it.
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-yz_session=; Max-Age=0; Path=\/; .*Secure/);
    expect((await t.app.request('/api/auth/me', { headers: { cookie } })).status).toBe(401);
  });
});
