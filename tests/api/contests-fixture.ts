// Builders shared by the contests API tests (tests/api/contests-*.test.ts).
import type { ContestDetail } from '../../api/contests/admin-views.ts';
import type { AttemptFinished } from '../../api/contests/result.ts';
import type { ContestInput } from '../../api/contests/settings.ts';
import type { AttemptRunning } from '../../api/contests/views.ts';
import { appSignedInAs, signedIn } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';

/** The test app. */
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
/** A running or finished attempt as the API returns it. */
export type AttemptView = AttemptRunning | AttemptFinished;

/** Two classes of 梅岭小学. */
export const TEAMS = ['三（1）班', '三（2）班'];

/** A signed-in organiser of `unitName`; the Cookie header. */
export async function organiser(t: TestApp, unitName = '扬州市梅岭小学', unitDistrict = '321002'): Promise<string> {
  return (await signedIn(t, ['organizer'], { unitName, unitDistrict })).cookie;
}

/** A fresh app with a 梅岭小学 organiser signed in: the contests tests' set-up. */
export const organiserApp = () => appSignedInAs(['organizer'], { unitName: '扬州市梅岭小学', unitDistrict: '321002' });

/** A valid contest open now for two hours: 10 questions, 20 minutes. */
export function contestBody(t: TestApp, overrides: Partial<ContestInput> = {}): ContestInput {
  return {
    title: '梅岭小学防灾减灾日应急知识竞赛',
    description: '全校三年级参加。',
    opensAt: t.clock.now - 60_000,
    closesAt: t.clock.now + 2 * 3600_000,
    audience: '小学',
    selection: { mode: 'mix', count: 10, category: { natural: 1, accident: 1 }, type: {}, difficulty: {} } as ContestInput['selection'],
    timeLimitMinutes: 20,
    teams: TEAMS,
    ...overrides,
  };
}

/** Creates a contest through the API; fails the test on anything but 201. */
export async function createContest(t: TestApp, cookie: string, overrides: Partial<ContestInput> = {}): Promise<ContestDetail> {
  const res = await t.app.request('/api/admin/contests', jsonInit('POST', contestBody(t, overrides), { cookie }));
  if (res.status !== 201) throw new Error(`create contest: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { contest: ContestDetail }).contest;
}

let devices = 0;
/** A fresh device token, as a browser would keep in localStorage. */
export const newDevice = () => `device-token-${++devices}-${Math.random().toString(36).slice(2, 10)}`;

/** Joins a contest; returns the status and the parsed body. */
export async function join(
  t: TestApp,
  code: string,
  who: { name: string; team?: string | undefined; device?: string; className?: string; studentNo?: string },
  client = 'pupil',
) {
  const body = {
    name: who.name,
    team: who.team ?? TEAMS[0],
    className: who.className ?? '',
    studentNo: who.studentNo ?? '',
    deviceToken: who.device ?? newDevice(),
  };
  const res = await t.app.request(`/api/contests/join/${code}`, jsonInit('POST', body, { 'x-test-client': client }));
  return {
    status: res.status,
    text: await res.clone().text(),
    body: (await res.json()) as { attempt: AttemptRunning; resumed: boolean } & { error?: { code: string; message: string } },
  };
}

/** Saves one answer (shown option places). */
export function answer(t: TestApp, token: string, n: number, choice: number[], rev = t.clock.now) {
  return t.app.request(`/api/contests/attempts/${token}/answers/${n}`, jsonInit('PUT', { choice, rev }));
}

/** Submits an attempt; the finished view. */
export async function submit(t: TestApp, token: string): Promise<AttemptFinished> {
  const res = await t.app.request(`/api/contests/attempts/${token}/submit`, jsonInit('POST', {}));
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { attempt: AttemptFinished }).attempt;
}

/** The shown places of the right options of each shown question, from the organiser's answer key. */
export function rightChoices(detail: ContestDetail, attempt: AttemptRunning): number[][] {
  return attempt.questions.map((q) => {
    const key = detail.questions.find((k) => k.stem === q.stem);
    if (!key) throw new Error(`no key for ${q.stem}`);
    return key.answer.map((i) => q.options.indexOf(key.options[i] ?? '')).sort((a, b) => a - b);
  });
}

/** A wrong choice for a shown question: the first option that is not right, alone. */
export function wrongChoice(right: number[], optionCount: number): number[] {
  for (let i = 0; i < optionCount; i++) if (!right.includes(i)) return [i];
  return [];
}

export { createTestApp, jsonInit };
