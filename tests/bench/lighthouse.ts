// `npm run bench:lighthouse`: Lighthouse (mobile: a mid-range phone on slow 4G, simulated) on the home
// page, a guide, the shelters and the warnings, first with no warning in force and then with an orange
// rainstorm warning published. Prints the four category scores of each run (goal: 100 everywhere), what
// kept a score below 100, and each page kind's JavaScript and CSS against its budget (the budgets are a
// test: tests/unit/page-budgets.test.ts). Each page is run LIGHTHOUSE_ROUNDS times (default 3), the pages
// interleaved, and the best score of each category is printed: on a shared machine Lighthouse's simulated
// phone CPU (4× slowdown of what it observes) turns other processes' load into blocking time.
// Needs `npm run build` and Chromium. Not a test: it prints figures.
import { existsSync } from 'node:fs';
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

interface Row {
  page: string;
  warning: string;
  scores: number[];
  misses: string[];
}
const rows: Row[] = [];
try {
  for (const warning of ['none', 'orange rainstorm']) {
    if (warning !== 'none') await publishWarning(server);
    const best = new Map<string, Row>();
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [name, path] of PAGES) {
        const result = await lighthouse(`${server.url}${path}`, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: [...CATEGORIES],
        });
        if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
        const { lhr } = result;
        const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
        // What cost points: weighted audits of the four categories that did not pass.
        const misses = CATEGORIES.flatMap((c) =>
          (lhr.categories[c]?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0)
            .map((ref) => lhr.audits[ref.id])
            .filter((a) => a && a.score !== null && a.score < 1)
            .map((a) => `${c}: ${a!.id} (${a!.displayValue ?? Math.round((a!.score ?? 0) * 100)})`),
        );
        console.log(`… round ${round}, ${name} ${path} (warning: ${warning}): ${scores.join(' / ')}`);
        const page = `${name} ${path}`;
        const before = best.get(page);
        if (!before) best.set(page, { page, warning, scores, misses });
        else {
          // Best of the rounds per category; the misses of the round with the best performance.
          if (scores[0]! > before.scores[0]!) before.misses = misses;
          before.scores = before.scores.map((s, i) => Math.max(s, scores[i]!));
        }
      }
    }
    rows.push(...best.values());
  }
} finally {
  await chrome.kill();
  await server.stop();
}

const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(`\nLighthouse mobile scores, best of ${ROUNDS} (goal 100)`);
console.log(`${pad('page', 28)}${pad('warning', 18)}${CATEGORIES.map((c) => pad(c, 16)).join('')}`);
for (const r of rows) console.log(`${pad(r.page, 28)}${pad(r.warning, 18)}${r.scores.map((s) => pad(s, 16)).join('')}`);
const misses = rows.filter((r) => r.misses.length);
if (misses.length) {
  console.log('\nBelow 100 because of:');
  for (const r of misses) console.log(`  ${r.page} (warning: ${r.warning}): ${r.misses.join('; ')}`);
}

console.log('\nBudgets: gzipped bytes of the built files each page loads (a test holds them)');
console.log(`${pad('page', 28)}${pad('JS', 10)}${pad('JS budget', 12)}${pad('CSS', 10)}CSS budget`);
for (const [kind, budget] of Object.entries(PAGE_BUDGETS)) {
  const path = budget.paths === 'every guide' ? '/guides/rainstorm/' : budget.paths[0];
  const w = pageWeight(path);
  console.log(`${pad(`${kind} ${path}`, 28)}${pad(w.js, 10)}${pad(budget.js, 12)}${pad(w.css, 10)}${budget.css}`);
}
process.exit(0);
