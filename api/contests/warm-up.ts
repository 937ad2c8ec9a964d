import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../app.ts';
import { openDatabase } from '../db/client.ts';
import { accounts } from '../db/schema-accounts.ts';
import { migrateDatabase } from '../db/migrate.ts';
import type { Env } from '../env.ts';
import { createMetrics } from '../metrics.ts';
import { contestBank } from './bank.ts';
import { contestInputSchema } from './contract.ts';
import { insertContest } from './store.ts';

/** Participants of the warm-up contest, joining in waves of `WAVE`, then saving `ANSWERS` answers each. */
const PARTICIPANTS = 200;
const WAVE = 100;
const ANSWERS = 2;
/** The warm-up takes about this long at most, set-up included: on a busy machine it does less rather than take longer. */
const MAX_MS = 1000;

/**
 * Runs the contest's hot routes — joining, saving answers — a few hundred times just after start-up,
 * over loopback HTTP through the whole stack (Node's HTTP server, Hono and the middleware, the zod
 * schemas, the group commit on an embedded file), against a throwaway database in a temporary
 * folder. The first wave of a hall otherwise pays for the code's first runs: V8 compiles and
 * optimises a function only once it has run, and the first wave of joins cost nearly twice what
 * later ones do. Nothing of it reaches the real database or the request log; the caches involved
 * are per database. Best effort: it stops after `MAX_MS`, and the caller logs a failure and goes on.
 */
export async function warmContestRoutes(env: Env): Promise<void> {
  const until = performance.now() + MAX_MS;
  const dir = mkdtempSync(join(tmpdir(), 'yzready-warm-up-'));
  const database = await openDatabase(`file:${join(dir, 'warm-up.db')}`);
  const agent = new Agent({ keepAlive: true, maxSockets: WAVE });
  const server = serve({
    // Its requests are not the site's: no request log lines, metrics of its own.
    fetch: createApp({ database, env, serveStatic: false, metrics: createMetrics(), logRequests: false }).fetch,
    hostname: '127.0.0.1',
    port: 0,
  });
  try {
    await migrateDatabase(database);
    const now = Date.now();
    // The contest's organiser: an account that cannot sign in (no password hashes to '-').
    const [organiser] = await database.db
      .insert(accounts)
      .values({ username: 'warm-up', displayName: '接口预热', passwordHash: '-', createdAt: now, updatedAt: now })
      .returning({ id: accounts.id });
    const { timeLimitMinutes, moreTimeMinutes, ...settings } = contestInputSchema.parse({
      title: '接口预热竞赛',
      opensAt: now - 60_000,
      closesAt: now + 3600_000,
      audience: '中学',
      timeLimitMinutes: 30,
      teams: ['一班', '二班'],
      selection: { mode: 'mix', count: 20, category: {}, type: {}, difficulty: {} },
    });
    const contest = await insertContest(
      database,
      {
        ...settings,
        timeLimitMs: timeLimitMinutes * 60_000,
        moreTimeMs: moreTimeMinutes * 60_000,
        unitName: '接口预热',
        unitDistrict: null,
        createdBy: organiser?.id ?? 0,
        createdAt: now,
        updatedAt: now,
      },
      contestBank().slice(0, 20),
    );
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const send = (method: string, path: string, body: unknown) =>
      new Promise<unknown>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, method, path, agent, headers: { 'content-type': 'application/json', 'x-requested-with': 'warm-up' } },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (d: string) => (text += d));
            res.on('end', () => (res.statusCode === 200 || res.statusCode === 201 ? resolve(JSON.parse(text)) : reject(new Error(text))));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });
    for (let first = 0; first < PARTICIPANTS && performance.now() < until; first += WAVE) {
      const joined = (await Promise.all(
        Array.from({ length: WAVE }, (_, i) =>
          send('POST', `/api/contests/join/${contest.code}`, {
            name: `预热${first + i}`,
            team: '一班',
            deviceToken: `warm-up-device-${first + i}`,
          }),
        ),
      )) as Array<{ attempt: { token: string } }>;
      for (let n = 0; n < ANSWERS && performance.now() < until; n++)
        await Promise.all(
          joined.map(({ attempt }) => send('PUT', `/api/contests/attempts/${attempt.token}/answers/${n}`, { choice: [0], rev: n + 1 })),
        );
    }
  } finally {
    agent.destroy();
    await new Promise((resolve) => server.close(resolve));
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
