// `npm run bench`: every benchmark in turn. Each prints its own figures; none of them is a test.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const benches = [
  'tests/bench/push.ts',
  'tests/bench/contest.ts',
  'tests/bench/ideas.ts',
  'tests/bench/static.ts',
  'tests/bench/lighthouse.ts',
  'tests/bench/spike.ts',
  'tests/bench/warnings-fuzz.ts',
].filter((f) => existsSync(f));
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file} ===`);
  const res = spawnSync(process.execPath, [file], { stdio: 'inherit' });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
