import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

// Runs Astro's content sync (the first step of every build) over a copy of content/ with one broken file.
function syncWith(breakIt: (dir: string) => string): { status: number | null; output: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'yzready-content-'));
  dirs.push(dir);
  cpSync('content', dir, { recursive: true });
  const file = breakIt(dir);
  const res = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync'], {
    env: { ...process.env, CONTENT_DIR: dir, ASTRO_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  return { status: res.status, output: `${res.stdout}\n${res.stderr}`, file };
}
const dirs: string[] = [];

describe('content validation at build time', () => {
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    // Leave Astro's generated types matching the real content again.
    spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync'], { env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    // One `astro sync` takes 7–17 s on a loaded 2-core machine: more than vitest's default 10 s for a hook.
  }, 60_000);

  // Each case: what the test says, the file it breaks (below content/), the line it changes and to what,
  // and the words the failing build must print (the file and the field).
  const cases: Array<[string, string, RegExp, string, string[]]> = [
    ['the guide file and field when frontmatter is invalid', 'guides/rainstorm.mdx', /^category: natural$/m, 'category: weather', ['rainstorm', 'category']],
    [
      "the guide file and field when a source links to a site's front page",
      'guides/earthquake.mdx',
      /^    url: .*$/m,
      "    url: 'https://www.cea.gov.cn/'",
      ['earthquake', '不能只是网站首页'],
    ],
    [
      'the shelter file and field when capacity exceeds area ÷ 1.5 m²',
      'shelters/gy-wenyoutai.yaml',
      /^capacity: .*$/m,
      'capacity: 99999999',
      ['gy-wenyoutai', 'capacity'],
    ],
    [
      'the question file and field when an answer points past the options',
      'questions/rainstorm.yaml',
      /answer: \[\d\]/,
      'answer: [9]',
      ['rainstorm.yaml', 'answer'],
    ],
  ];

  test.each(cases)('fails and names %s', (_, file, line, broken, named) => {
    const { status, output } = syncWith((dir) => {
      const path = join(dir, file);
      writeFileSync(path, readFileSync(path, 'utf8').replace(line, broken));
      return path;
    });
    expect(status).not.toBe(0);
    for (const word of named) expect(output).toContain(word);
  });
});
