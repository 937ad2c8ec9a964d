import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

// What `npm run build` ships to browsers: the islands' chunks and the service worker, with the
// modules bundled into each as the build recorded them (astro.config.mjs, scripts/build-sw.ts).
const DIST = 'dist';
const RECORDS = ['node_modules/.cache/yzready/client-modules.json', 'node_modules/.cache/yzready/sw-modules.json'];

interface Bundle {
  file: string;
  modules: string[];
}
const built = () => [...readdirSync(join(DIST, '_astro')).flatMap((f) => (f.endsWith('.js') ? [`_astro/${f}`] : [])), 'sw.js'];
const recorded = (): Bundle[] => RECORDS.flatMap((r) => JSON.parse(readFileSync(r, 'utf8')) as Bundle[]);

const builtins = new Set(builtinModules);
/** A Node built-in, or the empty stand-in Vite puts in its place for the browser. */
const isBuiltin = (id: string) => /^\0?node:|browser-external/.test(id) || builtins.has(id.replace(/^\0/, ''));

/** Modules that only make sense on the server: the database, logging, push sending, the server's own set-up. */
const SERVER_ONLY =
  /node_modules\/(drizzle-orm|@libsql|libsql|pino|web-push|prom-client|undici|saxes|sharp|yaml|otpauth|qrcode|@hono\/node-server)\/|\/api\/(db|cli)\/|\/api\/(env|log|app|server|static-site|metrics)\.ts$/;

/**
 * Strings that survive minification and occur only in a server-only module: a second net, over the
 * shipped text itself. Each is checked against its source first, so an upgrade that changes it fails here.
 */
const MARKS: ReadonlyArray<{ module: string; source: string; mark: string }> = (
  [
    // module, the file it is read from, the mark
    ['drizzle-orm', 'node_modules/drizzle-orm/entity.js', 'drizzle:entityKind'],
    ['@libsql/client', 'node_modules/@libsql/client/lib-esm/web.js', 'URL_SCHEME_NOT_SUPPORTED'],
    ['pino', 'node_modules/pino/lib/symbols.js', 'pino.serializers'],
    ['web-push', 'node_modules/web-push/src/web-push-lib.js', 'The GCM API Key should be'],
    ['api/db/client.ts', 'api/db/client.ts', 'DatabaseUnavailable'],
    ['api/env.ts', 'api/env.ts', 'PUSH_ENDPOINT_ALLOWLIST'],
  ] as const
).map(([module, source, mark]) => ({ module, source, mark }));

describe('browser bundles', () => {
  test('are all recorded by the last build (run `npm run build` first)', () => {
    for (const r of RECORDS) expect(existsSync(r), `${r} is missing: run \`npm run build\` first`).toBe(true);
    const files = recorded().map((b) => b.file);
    expect(built().filter((f) => !files.includes(f))).toEqual([]);
    expect(files.length).toBeGreaterThan(10);
  });

  test('import no Node built-in', () => {
    const found = recorded().flatMap((b) => b.modules.filter(isBuiltin).map((m) => `${b.file}: ${m}`));
    expect(found).toEqual([]);
  });

  test('contain no server-only module', () => {
    const found = recorded().flatMap((b) => b.modules.filter((m) => SERVER_ONLY.test(m)).map((m) => `${b.file}: ${m}`));
    expect(found).toEqual([]);
  });

  test.each(MARKS)('do not contain the text of $module', ({ source, mark }) => {
    expect(readFileSync(source, 'utf8'), `the mark of ${source} changed: pick a new one`).toContain(mark);
    expect(built().filter((file) => readFileSync(join(DIST, file), 'utf8').includes(mark))).toEqual([]);
  });
});
