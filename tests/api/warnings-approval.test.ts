import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signedIn } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { rainstormInput } from '../fixtures/warnings.ts';

type Draft = { id: number; revision: number; state: string; approval: { required: boolean; approvers: string[] } };
type Err = { error: { code: string; message: string } };

describe('two-person rule (四眼原则) for red and whole-city warnings', () => {
  let t: Awaited<ReturnType<typeof createTestApp>>;
  let author: Awaited<ReturnType<typeof signedIn>>;
  let second: Awaited<ReturnType<typeof signedIn>>;
  let third: Awaited<ReturnType<typeof signedIn>>;
  let admin: Awaited<ReturnType<typeof signedIn>>;
  beforeAll(async () => {
    t = await createTestApp();
    author = await signedIn(t, ['publisher']);
    second = await signedIn(t, ['publisher']);
    third = await signedIn(t, ['publisher']);
    admin = await signedIn(t, ['admin']);
  });
  afterAll(async () => t.cleanup());

  const req = (cookie: string, method: string, path: string, body?: unknown) =>
    t.app.request(path, body === undefined ? { headers: { cookie } } : jsonInit(method, body, { cookie }));
  const draftOf = async (cookie: string, over = {}) => {
    const res = await req(cookie, 'POST', '/api/admin/warnings', rainstormInput(t.clock.now, over));
    expect(res.status).toBe(201);
    return ((await res.json()) as { warning: Draft }).warning;
  };
  const activeIds = async () =>
    ((await (await t.app.request('/api/warnings')).json()) as { warnings: Array<{ id: number }> }).warnings.map((w) => w.id);
  const auditOf = async (action: string) =>
    (
      (await (await req(admin.cookie, 'GET', `/api/admin/audit?action=${action}`)).json()) as {
        entries: Array<{ action: string; actorName: string; target: string; at: string | number }>;
      }
    ).entries;

  test('a red warning waits for a second publisher, who sees the preview and approves it; the report names the approver', async () => {
    const draft = await draftOf(author.cookie, { level: 'red', headline: '扬州市气象台发布暴雨红色预警信号' });
    expect(draft.approval.required).toBe(true);
    expect(draft.approval.approvers).toContain(second.account.displayName);
    expect(draft.approval.approvers).not.toContain(author.account.displayName);

    const alone = await req(author.cookie, 'POST', `/api/admin/warnings/${draft.id}/publish`, { confirm: true });
    expect(alone.status).toBe(409);
    const err = (await alone.json()) as Err;
    expect(err.error.code).toBe('approval_required');
    expect(err.error.message).toContain(second.account.displayName);
    expect(await activeIds()).not.toContain(draft.id);

    const own = await req(author.cookie, 'POST', `/api/admin/warnings/${draft.id}/approve`, { revision: draft.revision });
    expect(own.status).toBe(403);

    const preview = (await (await req(second.cookie, 'GET', `/api/admin/warnings/${draft.id}/preview`)).json()) as {
      revision: number;
      html: string;
      notification: { title: string; body: string };
    };
    expect(preview.html).toContain('扬州市气象台发布暴雨红色预警信号');
    expect(preview.html).toContain('红色预警');
    // The lock screen leads with the first thing to do (rainstormInput's first action).
    expect(preview.notification).toEqual({ title: '【红色预警】暴雨', body: '现在就做：尽量不出门，不在桥洞、地道里躲雨。' });

    // The author changes the text after the preview was opened: that approval no longer counts.
    const edited = await req(author.cookie, 'PUT', `/api/admin/warnings/${draft.id}`, rainstormInput(t.clock.now, { level: 'red' }));
    expect(edited.status).toBe(200);
    const stale = await req(second.cookie, 'POST', `/api/admin/warnings/${draft.id}/approve`, { revision: preview.revision });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as Err).error.code).toBe('changed');

    const ok = await req(second.cookie, 'POST', `/api/admin/warnings/${draft.id}/approve`, { revision: preview.revision + 1 });
    expect(ok.status).toBe(200);
    expect(await activeIds()).toContain(draft.id);
    const report = (await (await req(author.cookie, 'GET', `/api/admin/warnings/${draft.id}/delivery`)).json()) as {
      approval: { approvedBy: string; approvedAt: string } | null;
    };
    expect(report.approval?.approvedBy).toContain(second.account.displayName);
    expect(report.approval?.approvedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const approvals = await auditOf('warning.approve');
    expect(approvals.find((e) => e.target === `warning:${draft.id}`)?.actorName).toBe(second.account.username);
    expect((await auditOf('warning.publish')).filter((e) => e.target === `warning:${draft.id}`)).toHaveLength(1);
  });

  test('a whole-city drill (演练) follows the same rule', async () => {
    const drill = await draftOf(author.cookie, { status: 'Exercise', level: 'blue', areas: ['321000'] });
    const res = await req(author.cookie, 'POST', `/api/admin/warnings/${drill.id}/publish`, { confirm: true });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Err).error.code).toBe('approval_required');
    expect((await req(second.cookie, 'POST', `/api/admin/warnings/${drill.id}/approve`, { revision: drill.revision })).status).toBe(200);
  });

  test('raising a warning to red is an update that waits for approval; two approvers at once publish it once', async () => {
    const first = await draftOf(author.cookie);
    expect((await req(author.cookie, 'POST', `/api/admin/warnings/${first.id}/publish`, {})).status).toBe(200);
    const upd = await req(author.cookie, 'POST', `/api/admin/warnings/${first.id}/update`, {
      warning: rainstormInput(t.clock.now, { level: 'red' }),
    });
    expect(upd.status).toBe(202);
    const pending = ((await upd.json()) as { warning: Draft }).warning;
    expect(await activeIds()).toContain(first.id);
    const both = await Promise.all([
      req(second.cookie, 'POST', `/api/admin/warnings/${pending.id}/approve`, { revision: 1 }),
      req(third.cookie, 'POST', `/api/admin/warnings/${pending.id}/approve`, { revision: 1 }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const ids = await activeIds();
    expect(ids).toContain(pending.id);
    expect(ids).not.toContain(first.id);
  });

  test('only an admin switches the rule off for the city, and that is audited', async () => {
    const put = (cookie: string, on: boolean) => req(cookie, 'PUT', '/api/admin/warning-settings', { twoPersonRule: on });
    expect((await put(author.cookie, false)).status).toBe(403);
    expect((await put(admin.cookie, false)).status).toBe(200);
    const red = await draftOf(author.cookie, { level: 'red' });
    expect(red.approval.required).toBe(false);
    expect((await req(author.cookie, 'POST', `/api/admin/warnings/${red.id}/publish`, { confirm: true })).status).toBe(200);
    expect((await put(admin.cookie, true)).status).toBe(200);
    const entries = await auditOf('warning.rule');
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['warning.rule.two_person.off', 'warning.rule.two_person.on']));
    expect(entries.every((e) => e.actorName === admin.account.username)).toBe(true);
  });
});
