// `npm run bench:lighthouse`: Lighthouse (mobile: a mid-range phone on slow 4G, simulated) on the home
// page, a guide, the shelters and the warnings, first with no warning in force and then with an orange
// rainstorm warning published. Prints the four category scores of each run (goal: 100 everywhere), what
// kept a score below 100, and each page kind's JavaScript and CSS against its budget (the budgets are a
// test: tests/unit/page-budgets.test.ts). Each page is run LIGHTHOUSE_ROUNDS times (default 3), the pages
// interleaved, and the best score of each category is printed with the spread of the performance scores and
// whether its run was measured under load: on a shared machine Lighthouse's simulated phone CPU (4× slowdown
// of what it observes) turns other processes' load into blocking time. A run Lighthouse could not complete
// is printed with its error.
// Needs `npm run build` and Chromium. Not a test: it prints figures.
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { PAGE_BUDGETS } from '#site/lib/page-budgets.ts';
import { CHROMIUM_PATH } from '../fixtures/browser.ts';
import { pageWeight } from '../fixtures/page-weight.ts';
import { publishWarning } from '../fixtures/publish.ts';
import { startServer } from '../fixtures/server.ts';

const PAGES = [
  ['home', '/'],
  ['guide', '/guides/rainstorm/'],
  ['shelters', '/shelters/'],
  ['warnings', '/warnings/'],
] as const;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const ROUNDS = Number(process.env['LIGHTHOUSE_ROUNDS'] ?? 3);

if (!existsSync('dist/index.html')) {
  console.error('dist/ is missing: run `npm run build` first.');
  process.exit(1);
}

const server = await startServer();
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: [
    '--headless=new',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    ...(isRoot ? ['--no-sandbox'] : []),
  ],
});

interface Round {
  scores: number[];
  /** What cost points in each category: weighted audits that did not pass. */
  misses: string[][];
  /** One-minute load average of the machine just before the run, and Lighthouse's own CPU benchmark. */
  load: number;
  benchmarkIndex: number;
  /** Lighthouse's warning that the host CPU is slower than the phone it simulates needs. */
  slowHost: boolean;
  error: string;
}
interface Row {
  page: string;
  warning: string;
  rounds: Round[];
}
const cores = cpus().length;
const rows: Row[] = [];
try {
  for (const warning of ['none', 'orange rainstorm']) {
    if (warning !== 'none') await publishWarning(server);
    const byPage = new Map<string, Row>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, path] of PAGES) {
        const load = loadavg()[0] ?? 0;
        const run = async () => {
          const result = await lighthouse(`${server.url}${path}`, {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: [...CATEGORIES],
          });
          if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
          return result.lhr;
        };
        let lhr = await run();
        // A broken trace (NO_NAVSTART, seen on this loaded machine) is Lighthouse's fault, not the page's: it
        // asks to be run again, once; a second failure is kept and printed.
        if (lhr.runtimeError) {
          console.log(`… ${path}: ${lhr.runtimeError.code}, running it again`);
          lhr = await run();
        }
        const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
        const misses = CATEGORIES.map((c) =>
          (lhr.categories[c]?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0)
            .map((ref) => lhr.audits[ref.id])
            .filter((a) => a && a.score !== null && a.score < 1)
            .map((a) => `${a!.id} (${a!.displayValue ?? Math.round((a!.score ?? 0) * 100)})`),
        );
        const r: Round = {
          scores,
          misses,
          load,
          benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
          slowHost: lhr.runWarnings.some((w) => /slower CPU/i.test(w)),
          error: lhr.runtimeError ? `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` : '',
        };
        console.log(
          `… round ${round}, ${name} ${path} (warning: ${warning}): ${scores.join(' / ')}` +
            ` (load ${load.toFixed(1)} on ${cores} cores, benchmarkIndex ${r.benchmarkIndex}${r.error ? `, ${r.error}` : ''})`,
        );
        const page = `${name} ${path}`;
        const row = byPage.get(page) ?? { page, warning, rounds: [] };
        row.rounds.push(r);
        byPage.set(page, row);
      }
    }
    rows.push(...byPage.values());
  }
} finally {
  await chrome.kill();
  await server.stop();
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
/** The round with the best score in category `i` (the first of equals). */
const bestRound = (r: Row, i: number) => r.rounds.reduce((b, x) => ((x.scores[i] ?? 0) > (b.scores[i] ?? 0) ? x : b));
// Under load: the machine's load average was above its core count, or Lighthouse warned that the host
// CPU is too slow for the phone it simulates (it multiplies observed CPU time by 4).
const underLoad = (x: Round) => x.slowHost || x.load > cores;

console.log(`\nLighthouse mobile scores, best of ${ROUNDS} per category (goal 100); performance also as the spread of the rounds`);
console.log(
  `${pad('page', 28)}${pad('warning', 18)}${CATEGORIES.map((c) => pad(c, 16)).join('')}${pad('perf. spread', 14)}best perf. measured`,
);
for (const r of rows) {
  const best = CATEGORIES.map((_, i) => bestRound(r, i).scores[i] ?? 0);
  const perf = r.rounds.map((x) => x.scores[0] ?? 0);
  const b = bestRound(r, 0);
  const measured = `${underLoad(b) ? 'UNDER LOAD' : 'quiet'} (load ${b.load.toFixed(1)}, benchmarkIndex ${b.benchmarkIndex})`;
  console.log(
    `${pad(r.page, 28)}${pad(r.warning, 18)}${best.map((s) => pad(s, 16)).join('')}${pad(`${Math.min(...perf)}–${Math.max(...perf)}`, 14)}${measured}`,
  );
}
const below = rows.flatMap((r) =>
  CATEGORIES.flatMap((c, i) => {
    const b = bestRound(r, i);
    return (b.scores[i] ?? 0) < 100
      ? [`  ${r.page} (warning: ${r.warning}), ${c} ${b.scores[i]}: ${b.misses[i]?.join('; ') || b.error}`]
      : [];
  }),
);
if (below.length) console.log(`\nBelow 100 in the best round because of:\n${below.join('\n')}`);
const errors = rows.flatMap((r) => r.rounds.filter((x) => x.error).map((x) => `  ${r.page} (warning: ${r.warning}): ${x.error}`));
if (errors.length) console.log(`\nRuns Lighthouse could not complete (scored 0 in that round):\n${errors.join('\n')}`);
const loaded = rows.flatMap((r) => r.rounds).filter(underLoad).length;
console.log(
  `\n${loaded} of ${rows.length * ROUNDS} runs were measured under load (load average above ${cores} or Lighthouse's slow-CPU warning).`,
);

console.log('\nBudgets: gzipped bytes of the built files each page loads (a test holds them)');
console.log(`${pad('page', 28)}${pad('JS', 10)}${pad('JS budget', 12)}${pad('CSS', 10)}CSS budget`);
for (const [kind, budget] of Object.entries(PAGE_BUDGETS)) {
  const path = budget.paths === 'every guide' ? '/guides/rainstorm/' : budget.paths[0];
  const w = pageWeight(path);
  console.log(`${pad(`${kind} ${path}`, 28)}${pad(w.js, 10)}${pad(budget.js, 12)}${pad(w.css, 10)}${budget.css}`);
}
process.exit(0);
