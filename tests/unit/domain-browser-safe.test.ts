import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// The domain lists are imported by islands: they and everything they import must be free of Node
// built-ins and of modules that read files or the environment when imported.
const BROWSER_MODULES = [
  'api/domain/areas.ts',
  'api/domain/hazards.ts',
  'api/domain/questions.ts',
  'api/domain/question-kinds.ts',
  'api/domain/shelter-hazards.ts',
  'api/domain/district-seats.ts',
  'api/domain/clock.ts',
  'api/domain/english.ts',
  'api/domain/ical-fold.ts',
  'api/warnings/act-now.ts',
  'api/warnings/text.ts',
  'api/warnings/schema.ts',
  'api/warnings/offices.ts',
  'api/contests/labels.ts',
  'api/ideas/labels.ts',
];
const SERVER_ONLY = ['api/env.ts', 'api/domain/content-files.ts'];
const builtins = new Set(builtinModules);

/** Every import specifier of `file`, then of the project files it imports, transitively. */
function importClosure(file: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(file)) return seen;
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1] ?? '');
  seen.set(file, specs);
  for (const s of specs) if (s.startsWith('.')) importClosure(resolve(dirname(file), s), seen);
  return seen;
}

describe('domain modules an island may import', () => {
  test.each(BROWSER_MODULES)('%s imports no Node built-in, reads no env and no server-only module', (file) => {
    for (const [path, specs] of importClosure(resolve(file))) {
      for (const s of specs) {
        expect(s.startsWith('node:') || builtins.has(s), `${path} imports ${s}`).toBe(false);
        expect(
          SERVER_ONLY.some((m) => resolve(dirname(path), s) === resolve(m)),
          `${path} imports ${s}`,
        ).toBe(false);
      }
      expect(readFileSync(path, 'utf8'), path).not.toMatch(/process\.env/);
    }
  });
});
