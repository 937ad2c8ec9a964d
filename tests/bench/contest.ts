// `npm run bench:contest`: 500 participants at once — join, answer 20 questions one by one, submit,
// look at the board —
// while the organiser's projector follows it all over one server-sent event stream —
// against a real server process on a free loopback port with a temp DATA_DIR and the embedded
// database, and in the same run GET /api/health as the ceiling of the stack. Participants take 1–3 s
// per question (BENCH_CONTEST_THINK_MS), as quick pupils would; saving answers flat out (no pause,
// 500 connections) is measured separately against health with autocannon. Afterwards every
// acknowledged answer is checked in the database. Loopback only; bounded in time. Prints the figures
// whether or not the targets are met, and exits 1 when one is missed.
//
// `npm run bench:contest:5000`: a whole district — 5,000 participants joining spread over 60 s
// (BENCH_CONTEST_SPREAD_S), from 20 schools' addresses (127.0.0.11–30, each behind one address as
// behind a school's NAT), then answering; the flat-out comparison with health is left out there.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import type { AttemptRunning, ContestDetail } from '#api/contests/contract.ts';
import { freePort, waitFor } from '../fixtures/ports.ts';

/** The part of autocannon's result this benchmark reads (the package ships no types). */
interface Cannon {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
type Req = { method?: string; path?: string; headers?: Record<string, string>; body?: string };
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  requests?: Array<Req & { setupRequest?: (req: Req, context: Record<string, unknown>) => Req }>;
}) => Promise<Cannon>;

// BENCH_CONTEST_COMPARE=/path/to/other/checkout: run this bench against that checkout's server and
// this one's in turn (BENCH_CONTEST_ROUNDS rounds, default 3, interleaved so both see the same load),
// and print the best of each side by side.
if (process.env['BENCH_CONTEST_COMPARE']) process.exit(compare(process.env['BENCH_CONTEST_COMPARE']));

/** Figures of one run, as the comparison reads them. */
interface Summary {
  joinP50: number;
  joinP99: number;
  answerP50: number;
  answerP99: number;
  submitP99: number;
  boardP99: number;
  putPerS: number;
  healthPerS: number;
  joinLagMs: number;
  finishLagMs: number;
  lost: number;
  failed: number;
  joinCpuMs: number;
  requestCpuMs: number;
}

function compare(other: string): number {
  const rounds = Number(process.env['BENCH_CONTEST_ROUNDS'] ?? 3);
  const sides = { before: { dir: other, runs: [] as Summary[] }, after: { dir: '.', runs: [] as Summary[] } };
  for (let r = 1; r <= rounds; r++)
    for (const [name, side] of Object.entries(sides)) {
      const res = spawnSync(process.execPath, [process.argv[1] ?? ''], {
        env: { ...process.env, BENCH_CONTEST_COMPARE: '', BENCH_CONTEST_SERVER_DIR: side.dir, BENCH_CONTEST_SUMMARY: '1' },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const line = /^BENCH_SUMMARY (.*)$/m.exec(res.stdout)?.[1];
      if (!line) {
        console.log(`round ${r}, ${name}: no figures (exit ${res.status})`);
        continue;
      }
      const s = JSON.parse(line) as Summary;
      side.runs.push(s);
      console.log(
        `round ${r}, ${name} (${side.dir}): join p99 ${s.joinP99.toFixed(0)} ms, answer p99 ${s.answerP99.toFixed(1)} ms, lost ${s.lost}`,
      );
    }
  const best = (runs: Summary[], key: keyof Summary, higher = false) => {
    const list = runs.map((x) => x[key]).filter(Number.isFinite);
    return list.length ? (higher ? Math.max(...list) : Math.min(...list)) : NaN;
  };
  const rows: Array<[string, keyof Summary, boolean]> = [
    ['join p50 ms', 'joinP50', false],
    ['join p99 ms', 'joinP99', false],
    ['answer p50 ms', 'answerP50', false],
    ['answer p99 ms', 'answerP99', false],
    ['submit p99 ms', 'submitP99', false],
    ['board p99 ms (after handing in)', 'boardP99', false],
    ['server CPU ms a join (join wave)', 'joinCpuMs', false],
    ['server CPU ms a request (whole run)', 'requestCpuMs', false],
    ['flat-out PUT req/s', 'putPerS', true],
    ['flat-out health req/s', 'healthPerS', true],
    ['projector: last join shown after ms', 'joinLagMs', false],
    ['projector: last hand-in shown after ms', 'finishLagMs', false],
    ['acknowledged answers lost (worst)', 'lost', true],
    ['failed requests (worst)', 'failed', true],
  ];
  console.log(`
best of ${rounds} rounds each, interleaved (worst for losses and failures):`);
  console.log(`${''.padEnd(40)} ${'before'.padStart(10)} ${'after'.padStart(10)}`);
  for (const [label, key, higher] of rows) {
    const worst = key === 'lost' || key === 'failed';
    const fig = (runs: Summary[]) => best(runs, key, worst || higher).toFixed(key.endsWith('P50') || key.endsWith('CpuMs') ? 2 : 0);
    console.log(`${label.padEnd(40)} ${fig(sides.before.runs).padStart(10)} ${fig(sides.after.runs).padStart(10)}`);
  }
  return 0;
}

const PARTICIPANTS = Number(process.env['BENCH_CONTEST_PARTICIPANTS'] ?? 500);
const QUESTIONS = 20;
const [THINK_MIN, THINK_MAX] = (process.env['BENCH_CONTEST_THINK_MS'] ?? '1000-3000').split('-').map(Number) as [number, number];
const think = () => new Promise((r) => setTimeout(r, THINK_MIN + Math.random() * (THINK_MAX - THINK_MIN)));
const SATURATION_S = 10;
/** Joins spread evenly over this many seconds; 0: everyone at the same moment. */
const SPREAD_S = Number(process.env['BENCH_CONTEST_SPREAD_S'] ?? 0);
/** Participants per client address: a school behind one public address. */
const PER_ADDRESS = 250;
const addressOf = (i: number) => `127.0.0.${11 + Math.floor(i / PER_ADDRESS)}`;
/** The flat-out comparison opens one connection per participant: only at the classroom-to-hall scale. */
const FLAT_OUT = PARTICIPANTS <= 1000;
const PASSWORD = 'Bench-Organizer-2027';

const dir = mkdtempSync(join(tmpdir(), 'bench-contest-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const dbUrl = `file:${join(dir, 'app.db')}`;
const env = {
  ...process.env,
  HOST: '127.0.0.1',
  PORT: String(port),
  DATA_DIR: dir,
  DATABASE_URL: dbUrl,
  SERVER_SECRET: 'bench-secret-bench-secret-bench-secret-00',
};
// BENCH_CONTEST_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' profiles the server.
const nodeArgs = (process.env['BENCH_CONTEST_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
// BENCH_CONTEST_SERVER_DIR: the checkout whose server is measured (this one by default).
const serverDir = process.env['BENCH_CONTEST_SERVER_DIR'] || '.';
// BENCH_CONTEST_SERVER_LOG=file keeps the server's request log (one line per request, with its time in the server).
const logFile = process.env['BENCH_CONTEST_SERVER_LOG'];
const server = spawn(process.execPath, [...nodeArgs, 'api/server.ts'], {
  cwd: serverDir,
  env,
  stdio: ['ignore', logFile ? openSync(logFile, 'w') : 'ignore', 'inherit'],
});
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
// Never leave the server behind, however this process ends.
process.on('exit', () => server.exitCode === null && server.kill('SIGTERM'));
// Bounded in time whatever happens.
const LIMIT_MIN = PARTICIPANTS > 1000 ? 25 : 10;
setTimeout(() => {
  console.error(`bench:contest took longer than ${LIMIT_MIN} minutes; stopped. Figures so far:`);
  for (const [name, list] of Object.entries(steps))
    console.error(`  ${name}: ${list.length} done, p50 ${pct(list, 50).toFixed(1)} ms, p99 ${pct(list, 99).toFixed(1)} ms`);
  console.error(`  ${failures.length} failed requests; first: ${failures.slice(0, 3).join(' | ')}`);
  stop();
  process.exit(2);
}, LIMIT_MIN * 60_000).unref();
await waitFor(async () => (await fetch(`${base}/api/health`)).ok, 30_000, 'the server');

const agent = new Agent({ keepAlive: true, maxSockets: PARTICIPANTS + 10 });
let retries = 0;
/** One HTTP request on the keep-alive pool: status, parsed body and milliseconds. */
function once(method: string, path: string, data: string | undefined, headers: Record<string, string>, localAddress?: string) {
  const started = performance.now();
  return new Promise<{ status: number; body: unknown; ms: number; cookie: string }>((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      {
        method,
        agent,
        ...(localAddress ? { localAddress } : {}),
        headers: { 'x-requested-with': 'bench', ...(data ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text ? JSON.parse(text) : null,
            ms: performance.now() - started,
            cookie: (res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '',
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}
/**
 * A request, sent again once when a kept-alive socket was closed under it (as browsers do): every
 * request here is safe to repeat — PUT is idempotent, submitting twice is harmless, and joining
 * again from the same device resumes the same attempt.
 */
async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, from?: string) {
  const data = body === undefined ? undefined : JSON.stringify(body);
  try {
    return await once(method, path, data, headers, from);
  } catch {
    retries++;
    return once(method, path, data, headers, from).catch((err: unknown) => ({ status: 0, body: String(err), ms: NaN, cookie: '' }));
  }
}

// An organiser, through the real CLI, and one contest of 20 questions for ten classes.
const cli = spawnSync(
  process.execPath,
  ['api/cli/admin.ts', 'user', 'add', 'bench.organizer', '--roles', 'organizer', '--unit', '扬州市压测小学', '--district', '321002'],
  { cwd: serverDir, env, input: `${PASSWORD}\n`, encoding: 'utf8' },
);
if (cli.status !== 0) throw new Error(cli.stderr);
const { cookie } = await call('POST', '/api/auth/login', { username: 'bench.organizer', password: PASSWORD });
const teams = Array.from({ length: 10 }, (_, i) => `三（${i + 1}）班`);
async function newContest(title: string): Promise<ContestDetail> {
  const body = {
    title,
    opensAt: Date.now() - 1000,
    closesAt: Date.now() + 3600_000,
    audience: '中学',
    timeLimitMinutes: 30,
    teams,
    selection: { mode: 'mix', count: QUESTIONS, category: {}, type: {}, difficulty: {} },
  };
  const res = await call('POST', '/api/admin/contests', body, { cookie, origin: base });
  if (res.status !== 201) throw new Error(`create contest: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { contest: ContestDetail }).contest;
}
const contest = await newContest('压测竞赛');

/** Latencies of one step. */
const steps: Record<string, number[]> = { join: [], answer: [], submit: [], board: [] };
/** When each answer was sent, and when the last join was answered: to tell the join wave from the rest. */
const answerSent: number[] = [];
let lastJoinDone = 0;
const failures: string[] = [];
const acked: Array<{ token: string; n: number; choice: number[] }> = [];
/** Percentile of the requests that got an answer (a failed request has no time and is counted among failures). */
const pct = (all: number[], p: number) => {
  const list = all.filter(Number.isFinite).sort((a, b) => a - b);
  return list[Math.min(list.length - 1, Math.floor((p / 100) * list.length))] ?? NaN;
};

// The ceiling: the health endpoint under autocannon at the same concurrency.
const health = FLAT_OUT ? await autocannon({ url: `${base}/api/health`, connections: PARTICIPANTS, duration: SATURATION_S }) : null;

// The projector: one server-sent event stream, as the organiser's screen opens it. Each snapshot is
// kept with its arrival time, to tell how long a join or a hand-in takes to reach the room's screen.
const snapshots: Array<{ at: number; joined: number; finished: number; bytes: number }> = [];
// BENCH_CONTEST_PROJECTOR=0 leaves the projector closed, to see what following the contest costs.
const PROJECTOR = process.env['BENCH_CONTEST_PROJECTOR'] !== '0';
const projector = request(
  `${base}/api/admin/contests/${PROJECTOR ? contest.id : 0}/stream`,
  { headers: { cookie }, agent: false },
  (res) => {
    let buffer = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => {
      buffer += d;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (!data) continue;
        const s = JSON.parse(data) as { joined: number; finished: number };
        snapshots.push({ at: performance.now(), joined: s.joined, finished: s.finished, bytes: block.length });
      }
    });
  },
);
projector.on('error', () => undefined);
projector.end();
let lastSubmitDone = 0;
let joinsDone = 0;
let cpuAtLastJoin = NaN;
let clientAtLastJoin = NaN;
/** CPU time this process (the participants' side) has used: it shares the machine with the server. */
const clientCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/**
 * CPU time the server process has used so far (user + system, from /proc): on a shared machine the
 * latencies depend on what else runs, the work per request much less.
 */
function serverCpuMs(): number {
  try {
    const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks (100 a second).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** One participant: join, read and answer every question in turn (about 70 % right), submit. */
async function participant(i: number): Promise<void> {
  if (SPREAD_S > 0) await new Promise((r) => setTimeout(r, (i * SPREAD_S * 1000) / PARTICIPANTS));
  const from = PARTICIPANTS > 1000 ? addressOf(i) : undefined;
  const join = await call(
    'POST',
    `/api/contests/join/${contest.code}`,
    { name: `参赛者${i}`, team: teams[i % teams.length], deviceToken: `bench-device-${i}-${Date.now()}` },
    {},
    from,
  );
  steps['join']?.push(join.ms);
  lastJoinDone = Math.max(lastJoinDone, performance.now());
  if (++joinsDone === PARTICIPANTS) {
    cpuAtLastJoin = serverCpuMs();
    clientAtLastJoin = clientCpuMs();
  }
  if (join.status !== 201 && join.status !== 200) return void failures.push(`join ${join.status} ${JSON.stringify(join.body)}`);
  const attempt = (join.body as { attempt: AttemptRunning }).attempt;
  for (const q of attempt.questions) {
    await think();
    const key = contest.questions.find((k) => k.stem === q.stem);
    const right = (key?.answer ?? []).map((a) => q.options.indexOf(key?.options[a] ?? '')).sort();
    const choice = Math.random() < 0.7 ? right : [right[0] === 0 ? 1 : 0];
    const sent = performance.now();
    const res = await call('PUT', `/api/contests/attempts/${attempt.token}/answers/${q.n}`, { choice, rev: Date.now() }, {}, from);
    steps['answer']?.push(res.ms);
    answerSent.push(sent);
    if (res.status === 200) acked.push({ token: attempt.token, n: q.n, choice });
    else failures.push(`answer ${res.status} ${JSON.stringify(res.body)}`);
  }
  const submit = await call('POST', `/api/contests/attempts/${attempt.token}/submit`, {}, {}, from);
  steps['submit']?.push(submit.ms);
  lastSubmitDone = Math.max(lastSubmitDone, performance.now());
  if (submit.status !== 200) failures.push(`submit ${submit.status}`);
  // Then the board, as the result page's 查看排行榜 link opens it: the whole hall looks as it hands in.
  const board = await call('GET', `/api/contests/board/${contest.code}`, undefined, {}, from);
  steps['board']?.push(board.ms);
  if (board.status !== 200) failures.push(`board ${board.status}`);
}
const cpuAtStart = serverCpuMs();
const clientAtStart = clientCpuMs();
const flowStart = performance.now();
await Promise.all(Array.from({ length: PARTICIPANTS }, (_, i) => participant(i)));
const flowSeconds = (performance.now() - flowStart) / 1000;
const cpuAtEnd = serverCpuMs();
const clientAtEnd = clientCpuMs();
// The stream's last word: give it two ticks to report the final hand-in.
await new Promise((r) => setTimeout(r, 2500));
projector.destroy();

// Saving answers flat out, for a like-for-like throughput against health: 500 connections, one attempt
// each, the same PUT again and again with a rising revision (each one a real write).
let saves: Cannon | null = null;
if (FLAT_OUT) {
  const second = await newContest('压测竞赛（吞吐）');
  const tokens: string[] = [];
  for (let i = 0; i < PARTICIPANTS; i++) {
    const j = await call('POST', `/api/contests/join/${second.code}`, {
      name: `吞吐${i}`,
      team: teams[0],
      deviceToken: `bench-flat-${i}-${Date.now()}`,
    });
    tokens.push((j.body as { attempt: AttemptRunning }).attempt.token);
  }
  let next = 0;
  let rev = Date.now();
  saves = await autocannon({
    url: base,
    connections: PARTICIPANTS,
    duration: SATURATION_S,
    requests: [
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'bench' },
        setupRequest: (req, context) => {
          context['token'] ??= tokens[next++ % tokens.length];
          return {
            ...req,
            path: `/api/contests/attempts/${String(context['token'])}/answers/${rev % QUESTIONS}`,
            body: JSON.stringify({ choice: [0], rev: ++rev }),
          };
        },
      },
    ],
  });
}

// Every acknowledged answer must be in the database, exactly as given.
const db = createClient({ url: dbUrl });
const rows = await db.execute(
  `SELECT a.id, a.question_order, a.option_orders, ans.position, ans.choice FROM contest_attempts a JOIN contest_answers ans ON ans.attempt_id = a.id WHERE a.contest_id = ${contest.id}`,
);
const stored = new Map(rows.rows.map((r) => [`${String(r['id'])}:${String(r['position'])}`, r]));
// Each attempt's orders, by id: looked up once per acknowledged answer (100,000 of them at 5,000 participants).
const attemptsById = new Map(rows.rows.map((r) => [String(r['id']), r]));
let lost = 0;
for (const a of acked) {
  const id = a.token.split('.')[0];
  const any = attemptsById.get(id ?? '');
  const order = JSON.parse(String(any?.['question_order'] ?? '[]')) as number[];
  const perms = JSON.parse(String(any?.['option_orders'] ?? '[]')) as number[][];
  const row = stored.get(`${id}:${order[a.n]}`);
  const expected = JSON.stringify(a.choice.map((c) => perms[a.n]?.[c]).sort((x, y) => (x ?? 0) - (y ?? 0)));
  if (!row || String(row['choice']) !== expected) lost++;
}
const submitted = Number(
  (await db.execute(`SELECT count(*) AS n FROM contest_attempts WHERE contest_id = ${contest.id} AND submitted_at IS NOT NULL`)).rows[0]?.[
    'n'
  ],
);
db.close();
agent.destroy();
stop();

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
console.log(
  `\n知识竞赛压测：${PARTICIPANTS} 名参赛者同时加入，逐题作答 ${QUESTIONS} 题（每题思考 ${THINK_MIN}–${THINK_MAX} ms），交卷；本机回环，嵌入式数据库，共 ${flowSeconds.toFixed(1)} 秒\n`,
);
console.log('step      requests   req/s     p50 ms   p99 ms   max ms');
for (const [name, list] of Object.entries(steps)) {
  console.log(
    `${name.padEnd(9)} ${String(list.length).padStart(8)} ${fmt(list.length / flowSeconds).padStart(8)} ${fmt(pct(list, 50)).padStart(8)} ${fmt(pct(list, 99)).padStart(8)} ${fmt(Math.max(...list.filter(Number.isFinite))).padStart(8)}`,
  );
}
const joinCpu = cpuAtLastJoin - cpuAtStart;
const flowCpu = cpuAtEnd - cpuAtStart;
console.log(
  `server CPU: ${fmt(joinCpu)} ms until the last join was answered (${fmt(joinCpu / PARTICIPANTS)} ms a join, answers meanwhile included); ${fmt(flowCpu)} ms for the whole run (${fmt(flowCpu / (PARTICIPANTS * (QUESTIONS + 2)))} ms a request)`,
);
console.log(
  `participants' side (this process, not the server): ${fmt(clientAtLastJoin - clientAtStart)} ms CPU until the last join was answered, ${fmt(clientAtEnd - clientAtStart)} ms for the whole run; machine load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
);
const afterWave = (steps['answer'] ?? []).filter((_, i) => (answerSent[i] ?? 0) > lastJoinDone);
console.log(
  `of which sent after the last join was answered: ${afterWave.length}, p50 ${fmt(pct(afterWave, 50))} ms, p99 ${fmt(pct(afterWave, 99))} ms (information only; the target counts every answer)`,
);
// Where in the run the slow answers were: by when they were sent, in 5-second bins.
if (process.env['BENCH_CONTEST_TIMELINE'] === '1') {
  const bins = new Map<number, number[]>();
  (steps['answer'] ?? []).forEach((ms, i) => {
    const bin = Math.floor(((answerSent[i] ?? 0) - flowStart) / 5000) * 5;
    bins.set(bin, [...(bins.get(bin) ?? []), ms]);
  });
  for (const [bin, list] of [...bins].sort((a, b) => a[0] - b[0]))
    console.log(
      `  answers sent at ${String(bin).padStart(3)}–${bin + 5} s: ${String(list.length).padStart(5)}, p50 ${fmt(pct(list, 50))} ms, p99 ${fmt(pct(list, 99))} ms, max ${fmt(Math.max(...list))} ms`,
    );
}
if (health && saves) {
  console.log(`\nflat out, no pause, ${PARTICIPANTS} connections for ${SATURATION_S} s each (autocannon):`);
  console.log(
    `GET /api/health        ${fmt(health.requests.average).padStart(8)} req/s   p50 ${health.latency.p50} ms   p99 ${health.latency.p99} ms   errors ${health.errors + health.non2xx}`,
  );
  console.log(
    `PUT answer (a write)   ${fmt(saves.requests.average).padStart(8)} req/s   p50 ${saves.latency.p50} ms   p99 ${saves.latency.p99} ms   errors ${saves.errors + saves.non2xx}`,
  );
}
const share = health && saves ? saves.requests.average / health.requests.average : NaN;
// The projector's stream: how long after the last join (and the last hand-in) the room's screen showed it.
const allJoined = snapshots.find((x) => x.joined >= PARTICIPANTS);
const allFinished = snapshots.find((x) => x.finished >= PARTICIPANTS);
const joinLag = allJoined ? allJoined.at - lastJoinDone : NaN;
const finishLag = allFinished ? allFinished.at - lastSubmitDone : NaN;
const streamBytes = snapshots.reduce((n, x) => n + x.bytes, 0);
console.log(
  `\nprojector stream (one SSE connection, a snapshot at most once a second when something changed): ${snapshots.length} snapshots, ${(streamBytes / 1024).toFixed(0)} KiB in all, ${fmt(streamBytes / Math.max(1, snapshots.length) / 1024)} KiB each`,
);
console.log(
  `  last join on screen ${fmt(joinLag)} ms after it was answered; last hand-in on screen ${fmt(finishLag)} ms after it was answered`,
);
const answerP99 = pct(steps['answer'] ?? [], 99);
const joinP99 = pct(steps['join'] ?? [], 99);
const checks: Array<[string, boolean, string]> = [
  ...(SPREAD_S === 0
    ? [
        [`join p99 under 300 ms with ${PARTICIPANTS} joining at the same moment`, joinP99 < 300, `${fmt(joinP99)} ms`] as [
          string,
          boolean,
          string,
        ],
      ]
    : []),
  [`answer-save p99 under 50 ms with ${PARTICIPANTS} participants answering`, answerP99 < 50, `${fmt(answerP99)} ms`],
  ...(FLAT_OUT
    ? [['answer-save throughput at least 30 % of health', share >= 0.3, `${(share * 100).toFixed(0)} %`] as [string, boolean, string]]
    : []),
  [
    'the projector’s stream showed every join and hand-in within 3 s',
    joinLag < 3000 && finishLag < 3000,
    `${fmt(joinLag)} ms, ${fmt(finishLag)} ms`,
  ],
  ['every acknowledged answer stored', lost === 0, `${acked.length - lost}/${acked.length} stored, ${lost} lost`],
  [
    'every participant joined, answered and submitted',
    failures.length === 0 && submitted === PARTICIPANTS,
    `${submitted}/${PARTICIPANTS} submitted, ${failures.length} failed requests`,
  ],
];
console.log('');
for (const [what, ok, figure] of checks) console.log(`${ok ? 'PASS' : 'MISS'}  ${what}: ${figure}`);
if (retries) console.log(`${retries} requests were sent again after a kept-alive connection closed under them.`);
if (failures.length) console.log(`first failures:\n  ${failures.slice(0, 5).join('\n  ')}`);
if (process.env['BENCH_CONTEST_SUMMARY'] === '1') {
  const summary: Summary = {
    joinP50: pct(steps['join'] ?? [], 50),
    joinP99: joinP99,
    answerP50: pct(steps['answer'] ?? [], 50),
    answerP99,
    submitP99: pct(steps['submit'] ?? [], 99),
    boardP99: pct(steps['board'] ?? [], 99),
    putPerS: saves?.requests.average ?? NaN,
    healthPerS: health?.requests.average ?? NaN,
    joinLagMs: joinLag,
    finishLagMs: finishLag,
    lost,
    failed: failures.length,
    joinCpuMs: joinCpu / PARTICIPANTS,
    requestCpuMs: flowCpu / (PARTICIPANTS * (QUESTIONS + 2)),
  };
  console.log(`BENCH_SUMMARY ${JSON.stringify(summary)}`);
}
process.exit(checks.every(([, ok]) => ok) ? 0 : 1);
