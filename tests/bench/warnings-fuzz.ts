// `npm run bench:warnings-fuzz`: the warning-path property test (tests/api/warnings-fuzz.test.ts)
// with many more runs and a fresh seed, on the embedded file and on sqld. Prints the seed, so a
// failure can be replayed with FC_SEED=… FC_RUNS=… npx vitest run tests/api/warnings-fuzz.test.ts.
import { spawnSync } from 'node:child_process';

const runs = process.env['FC_RUNS'] ?? '400';
const seed = process.env['FC_SEED'] ?? String(Date.now() % 2 ** 31);
let failed = 0;
for (const project of ['api-file', 'api-sqld']) {
  console.log(`warnings fuzz · ${project} · FC_RUNS=${runs} FC_SEED=${seed}`);
  const start = performance.now();
  const res = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--project', project, 'tests/api/warnings-fuzz.test.ts'],
    {
      stdio: 'inherit',
      env: { ...process.env, FC_RUNS: runs, FC_SEED: seed },
    },
  );
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${project}: ${res.status === 0 ? 'passed' : 'FAILED'} · ${runs} runs in ${seconds.toFixed(1)} s (${((seconds * 1000) / Number(runs)).toFixed(0)} ms/run)`,
  );
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
