import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { contestBank } from '#api/contests/bank.ts';

/** Every text file of the built site (HTML, JSON, scripts, the service worker, feeds). */
function builtTextFiles(dir = 'dist'): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return builtTextFiles(path);
    return /\.(html|json|js|mjs|xml|txt|ics|csv|geojson|webmanifest)$/.test(name) ? [path] : [];
  });
}

describe('contest-only questions', () => {
  const bank = contestBank();
  const reserved = bank.filter((q) => q.reserved);

  test('练一练 publishes the open questions with their answers, and none of the contest-only ones', () => {
    const practice = JSON.parse(readFileSync('dist/contest/practice/questions.json', 'utf8')) as { questions: Array<{ id: string }> };
    const ids = new Set(practice.questions.map((q) => q.id));
    expect(ids.size).toBe(bank.length - reserved.length);
    for (const q of reserved) expect(ids.has(q.id), q.id).toBe(false);
  });

  test('appear nowhere in the built site: not in a page, a script, the search index source or the service worker', () => {
    expect(reserved.length).toBeGreaterThanOrEqual(75);
    const files = builtTextFiles();
    expect(files.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const q of reserved) if (text.includes(q.stem)) leaks.push(`${q.id} in ${file}`);
    }
    expect(leaks).toEqual([]);
  });
});
