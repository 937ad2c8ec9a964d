// Group commit under a power cut: answers and joins are acknowledged only once the batch holding them
// has committed, so killing the server (SIGKILL) in the middle of a stream of saves loses none that a
// participant was told were saved. The real server process, killed for real; then restarted on the
// same data, where each participant reloads their attempt.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { attemptRunningSchema, attemptSchema } from '#api/contests/contract.ts';
import type { contests } from '#api/contests/index.ts';
import { serverClientOf } from '../fixtures/client.ts';
import { apiSignIn, openContest } from '../fixtures/contests.ts';
import { startSqld } from '../fixtures/db.ts';
import { startServer, type RunningServer } from '../fixtures/server.ts';

const sqld = process.env['TEST_DB'] === 'sqld';
const PARTICIPANTS = 30;
const PASSWORD = 'Crash-Organizer-2027';

describe('a server killed while saving answers', () => {
  let server: RunningServer;
  let dataDir: string;
  let sqldProc: ChildProcess | undefined;
  const env: Record<string, string> = {};

  /** `/api/contests` on the running server (whichever process runs now), as the contest pages call it. */
  const participant = () => serverClientOf<typeof contests>(server.url, '/api/contests');

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'yzready-contest-crash-'));
    if (sqld) {
      const s = await startSqld(dataDir);
      sqldProc = s.proc;
      env['DATABASE_URL'] = s.url;
    }
    server = await startServer(env, dataDir);
    server.addUser('crash.organizer', ['organizer'], PASSWORD, ['--unit', '扬州市梅岭小学', '--district', '321002']);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    sqldProc?.kill();
  });

  test('every answer acknowledged before the kill is there after the restart, as it was acknowledged', async () => {
    const cookie = await apiSignIn(server.url, 'crash.organizer', PASSWORD);
    const contest = await openContest(server.url, cookie, {
      title: '断电测试竞赛',
      timeLimitMinutes: 30,
      teams: ['三（1）班'],
      selection: { mode: 'mix', count: 20, category: {}, type: {}, difficulty: {} },
    });
    const attempts = await Promise.all(
      Array.from({ length: PARTICIPANTS }, async (_, i) => {
        const joined = await participant().join[':code'].$post({
          param: { code: contest.code },
          json: { name: `断电${i}`, team: '三（1）班', deviceToken: `crash-test-device-${i}` },
        });
        expect(joined.status).toBe(201);
        return attemptRunningSchema.parse((await joined.json()).attempt);
      }),
    );

    // Every participant saves answer after answer, flat out; the server is killed once 150 are saved.
    const acked = new Map<string, number[]>();
    let failed = 0;
    let killed: Promise<void> | null = null;
    await Promise.all(
      attempts.map(async (a) => {
        for (const q of a.questions) {
          const choice = [q.n % q.options.length];
          try {
            const res = await participant().attempts[':token'].answers[':n'].$put({
              param: { token: a.token, n: String(q.n) },
              json: { choice, rev: 1 },
            });
            // The answer is acknowledged once its whole body has arrived, as in the page.
            await res.text();
            if (res.status === 200) acked.set(`${a.token} ${q.n}`, choice);
          } catch {
            failed++;
            return;
          }
          if (acked.size >= 150) killed ??= server.crash();
        }
      }),
    );
    await killed;
    // The kill came while saves were in flight, not after they had all been answered.
    expect(failed).toBeGreaterThan(0);
    expect(acked.size).toBeGreaterThanOrEqual(150);
    expect(acked.size).toBeLessThan(PARTICIPANTS * 20);

    server = await startServer({ ...env, PORT: new URL(server.url).port }, dataDir);
    for (const a of attempts) {
      // A kept-alive socket to the killed process may still be in fetch's pool: a browser sends again.
      const load = () => participant().attempts[':token'].$get({ param: { token: a.token } });
      const reload = await load().catch(load);
      const attempt = attemptSchema.parse((await reload.json()).attempt);
      if (attempt.state !== 'running') throw new Error(`attempt ${a.token} is ${attempt.state} after the restart`);
      const { saved } = attempt;
      for (const q of a.questions) {
        const choice = acked.get(`${a.token} ${q.n}`);
        if (choice) expect(saved[q.n]?.choice, `${a.token} question ${q.n}`).toEqual(choice);
      }
    }
  }, 60_000);
});
