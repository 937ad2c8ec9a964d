// Builders shared by the contests API tests (tests/api/contests-*.test.ts). Bodies are read through the
// typed client (`testClientOf`, hono/testing's testClient at a path) and checked against the contract.
import {
  attemptFinishedSchema,
  contestDetailSchema,
  joinResponseSchema,
  type AttemptRunning,
  type ContestDetail,
  type ContestInput,
} from '#api/contests/contract.ts';
import type { z } from 'zod';
import type { adminContests, contests } from '#api/contests/index.ts';
import { apiErrorSchema, type ApiError } from '#api/errors.ts';
import { appSignedInAs, signedIn } from '../fixtures/accounts.ts';
import { createTestApp, jsonInit } from '../fixtures/app.ts';
import { testClientOf } from '../fixtures/client.ts';

export { rightChoices } from '../fixtures/contests.ts';

/** The test app. */
export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Two classes of 梅岭小学. */
export const TEAMS = ['三（1）班', '三（2）班'];

/** `/api/contests` as a participant's browser calls it (`x-test-client` names its address). */
export const participantApi = (t: TestApp, client = 'pupil') =>
  testClientOf<typeof contests>(t.app, '/api/contests', { 'x-test-client': client });

/** `/api/admin/contests` as a signed-in organiser's browser calls it. */
export const organiserApi = (t: TestApp, cookie: string) => testClientOf<typeof adminContests>(t.app, '/api/admin/contests', { cookie });

/** The API's error body of a refused request, checked against its schema. */
export async function errorOf(res: Response | { json(): Promise<unknown> }): Promise<ApiError['error']> {
  return apiErrorSchema.parse(await res.json()).error;
}

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
    selection: { mode: 'mix', count: 10, category: { natural: 1, accident: 1 }, type: {}, difficulty: {} },
    timeLimitMinutes: 20,
    teams: TEAMS,
    ...overrides,
  };
}

/** Creates a contest through the API; fails the test on anything but 201 or a body off the contract. */
export async function createContest(t: TestApp, cookie: string, overrides: Partial<ContestInput> = {}): Promise<ContestDetail> {
  const res = await organiserApi(t, cookie).index.$post({ json: contestBody(t, overrides) });
  if (res.status !== 201) throw new Error(`create contest: ${res.status} ${await res.text()}`);
  return contestDetailSchema.parse((await res.json()).contest);
}

let devices = 0;
/** A fresh device token, as a browser would keep in localStorage. */
export const newDevice = () => `device-token-${++devices}-${Math.random().toString(36).slice(2, 10)}`;

/** What joining came to: the status, the text, and the body (on the contract) or the API's error. */
type Joined =
  | { status: 200 | 201; text: string; body: z.output<typeof joinResponseSchema>; error?: undefined }
  | { status: number; text: string; body?: undefined; error: ApiError['error'] };

/** Joins a contest; an attempt is checked against the contract, a refusal against the error schema. */
export async function join(
  t: TestApp,
  code: string,
  who: { name: string; team?: string | undefined; device?: string; className?: string; studentNo?: string },
  client = 'pupil',
): Promise<Joined> {
  const json = {
    name: who.name,
    team: who.team ?? TEAMS[0],
    className: who.className ?? '',
    studentNo: who.studentNo ?? '',
    deviceToken: who.device ?? newDevice(),
  };
  const res = await participantApi(t, client).join[':code'].$post({ param: { code }, json });
  const text = await res.text();
  // Refusals are not in the route's type: read the status as a plain number.
  const status: number = res.status;
  if (status === 200 || status === 201) return { status, text, body: joinResponseSchema.parse(JSON.parse(text)) };
  return { status, text, error: apiErrorSchema.parse(JSON.parse(text)).error };
}

/** Joins a contest that is open; fails the test unless an attempt is running. */
export async function started(t: TestApp, code: string, who: Parameters<typeof join>[2], client = 'pupil') {
  const joined = await join(t, code, who, client);
  if (!joined.body) throw new Error(`join: ${joined.status} ${joined.text}`);
  const { attempt, resumed } = joined.body;
  if (attempt.state !== 'running') throw new Error(`join: the attempt is ${attempt.state}, not running`);
  return { attempt, resumed, status: joined.status, text: joined.text };
}

/** Saves one answer (shown option places). */
export function answer(t: TestApp, token: string, n: number, choice: number[], rev = t.clock.now) {
  return participantApi(t).attempts[':token'].answers[':n'].$put({ param: { token, n: String(n) }, json: { choice, rev } });
}

/** The attempt as the participant's page loads it. */
export async function attemptOf(t: TestApp, token: string) {
  const res = await participantApi(t).attempts[':token'].$get({ param: { token } });
  if (res.status !== 200) throw new Error(`attempt: ${res.status} ${await res.text()}`);
  return (await res.json()).attempt;
}

/** The attempt as the participant's page loads it; fails the test unless it is running. */
export async function runningAttemptOf(t: TestApp, token: string): Promise<AttemptRunning> {
  const attempt = await attemptOf(t, token);
  if (attempt.state !== 'running') throw new Error(`attempt: ${attempt.state}, not running`);
  return attempt;
}

/** Submits an attempt; the finished view. */
export async function submit(t: TestApp, token: string) {
  const res = await participantApi(t).attempts[':token'].submit.$post({ param: { token } });
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return attemptFinishedSchema.parse((await res.json()).attempt);
}

/** A wrong choice for a shown question: the first option that is not right, alone. */
export function wrongChoice(right: number[], optionCount: number): number[] {
  for (let i = 0; i < optionCount; i++) if (!right.includes(i)) return [i];
  return [];
}

export { createTestApp, jsonInit };
