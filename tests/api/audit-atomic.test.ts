import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { byId, rainstormInput, warningsApi } from '../fixtures/warnings.ts';
import { ideaInput, openCampaign, submitIdea, type TestApp } from './ideas-fixture.ts';

// The audit log is made unwritable (renamed away in the real database), so any action whose
// audit entry is written separately would be done without its entry. Each must be done and
// audited, or neither.
describe('every action commits together with its audit entry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.cleanup());

  const blockAudit = () => t.database.client.execute('ALTER TABLE audit_log RENAME TO audit_log_away');
  const unblockAudit = () => t.database.client.execute('ALTER TABLE audit_log_away RENAME TO audit_log');
  const count = async (sql: string, ...args: Array<string | number>) =>
    Number((await t.database.client.execute({ sql, args })).rows[0]?.[0]);

  test('an idea is stored only with its audit entry, and the resident learns which happened', async () => {
    const { campaignId } = await openCampaign(t);
    const before = await count('SELECT count(*) FROM ideas');
    await blockAudit();
    const failed = await submitIdea(t, ideaInput(campaignId));
    await unblockAudit();
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await count('SELECT count(*) FROM ideas')).toBe(before);

    const ok = await submitIdea(t, ideaInput(campaignId), 'resident-2');
    expect(ok.status).toBe(201);
    const { id } = await ok.json();
    expect(await count('SELECT count(*) FROM ideas WHERE id = ?', id)).toBe(1);
    expect(await count("SELECT count(*) FROM audit_log WHERE action = 'idea.submit' AND target = ?", `idea:${id}`)).toBe(1);
  });

  test('a warning is not published, and nothing is pushed, when its audit entry cannot be written', async () => {
    const { cookie } = await signedIn(t, ['publisher']);
    const desk = warningsApi(t.app, cookie).publisher;
    const { warning } = await (await desk.index.$post({ json: rainstormInput(t.clock.now) })).json();
    const publish = () => desk[':id'].publish.$post({ ...byId(warning.id), json: {} });
    await blockAudit();
    const failed = await publish();
    await unblockAudit();
    expect(failed.status).toBeGreaterThanOrEqual(500);
    expect(await count("SELECT count(*) FROM warnings WHERE id = ? AND state = 'draft'", warning.id)).toBe(1);
    expect(await count('SELECT count(*) FROM deliveries WHERE warning_id = ?', warning.id)).toBe(0);

    const ok = await publish();
    expect(ok.status).toBe(200);
    expect(await count("SELECT count(*) FROM audit_log WHERE action = 'warning.publish' AND target = ?", `warning:${warning.id}`)).toBe(1);
  });

  test('an account is not created without its audit entry', async () => {
    const admin = await signedIn(t, ['admin']);
    await blockAudit();
    const res = await t.app.request(
      '/api/admin/accounts',
      jsonInit(
        'POST',
        { username: 'audit.blocked', displayName: '测试', password: 'Yangzhou-Ready-7fj2', roles: ['publisher'] },
        { cookie: admin.cookie },
      ),
    );
    await unblockAudit();
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(await count("SELECT count(*) FROM accounts WHERE username = 'audit.blocked'")).toBe(0);
  });
});
