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

  test('fails and names the guide file and field when frontmatter is invalid', () => {
    const { status, output } = syncWith((dir) => {
      const path = join(dir, 'guides', 'rainstorm.mdx');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^category: natural$/m, 'category: weather'));
      return path;
    });
    expect(status).not.toBe(0);
    expect(output).toContain('rainstorm');
    expect(output).toContain('category');
  });

  test("fails and names the guide file and field when a source links to a site's front page", () => {
    const { status, output } = syncWith((dir) => {
      const path = join(dir, 'guides', 'earthquake.mdx');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^    url: .*$/m, "    url: 'https://www.cea.gov.cn/'"));
      return path;
    });
    expect(status).not.toBe(0);
    expect(output).toContain('earthquake');
    expect(output).toContain('不能只是网站首页');
  });

  test('fails and names the shelter file and field when capacity exceeds area ÷ 1.5 m²', () => {
    const { status, output } = syncWith((dir) => {
      const path = join(dir, 'shelters', 'gy-wenyoutai.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/^capacity: .*$/m, 'capacity: 99999999'));
      return path;
    });
    expect(status).not.toBe(0);
    expect(output).toContain('gy-wenyoutai');
    expect(output).toContain('capacity');
  });

  test('fails and names the question file and field when an answer points past the options', () => {
    const { status, output } = syncWith((dir) => {
      const path = join(dir, 'questions', 'rainstorm.yaml');
      writeFileSync(path, readFileSync(path, 'utf8').replace(/answer: \[\d\]/, 'answer: [9]'));
      return path;
    });
    expect(status).not.toBe(0);
    expect(output).toContain('rainstorm.yaml');
    expect(output).toContain('answer');
  });
});
