// `npm run build`, last step: compile site/sw/sw.ts and inject the precache manifest over dist/ into dist/sw.js.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { glob } from 'node:fs/promises';
import workbox from 'workbox-build';

const DIST = 'dist';

/** Kept for offline use: shelters and their data, emergency numbers, guides, search, home and the offline page. */
const PAGES = [
  'index.html',
  'offline/index.html',
  'shelters/**/index.html',
  'data/shelters.geojson',
  'data/shelters.csv',
  'numbers/index.html',
  'guides/**/index.html',
  'training/**/index.html',
  'warnings/index.html',
  'search/index.html',
  // 练一练 works offline: the page and the question bank it reads.
  'contest/practice/index.html',
  'contest/practice/questions.json',
  'favicon.svg',
  // The installed app's manifest and icons.
  'manifest.webmanifest',
  'icons/*.png',
  // The shelter map's schematic of the city, drawn when no base map can be loaded.
  'maps/*.svg',
  // 长辈模式's large mouse pointers.
  'cursors/*.svg',
  'scripts/*.js',
  // Names the hashed index files: when the search index changes, so does the service worker.
  'pagefind/pagefind-entry.json',
];

/**
 * The whole search index, so that search works offline in full after one visit, not only for the
 * words searched while online: Pagefind's script, worker and WebAssembly, and every index, filter and
 * page fragment: about 750 KiB, most of it already compressed by Pagefind (the build prints the figure).
 */
const SEARCH_INDEX = [
  'pagefind/pagefind.js',
  'pagefind/pagefind-worker.js',
  'pagefind/wasm.*.pagefind',
  'pagefind/*.pf_meta',
  'pagefind/index/*.pf_index',
  'pagefind/filter/*.pf_filter',
  'pagefind/fragment/*.pf_fragment',
];

/** Every `/_astro/` file the given files need, following JS imports and CSS urls. */
async function assetsFor(files: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...files];
  for (let file = queue.shift(); file; file = queue.shift()) {
    const text = readFileSync(join(DIST, file), 'utf8');
    const inAstro = file.startsWith('_astro/');
    // Absolute `/_astro/x.js` in HTML and CSS; relative `./x.js` between chunks and `url(./x.png)` in CSS.
    const refs = [...text.matchAll(/_astro\/([\w.@-]+\.(?:js|css|png|svg|webp|woff2?))/g)].map((m) => m[1]);
    if (inAstro) refs.push(...[...text.matchAll(/["'`(]\.\/([\w.@-]+\.(?:js|css|png|svg|webp|woff2?))/g)].map((m) => m[1]));
    for (const ref of refs) {
      const path = `_astro/${ref}`;
      if (!seen.has(path)) {
        seen.add(path);
        if (/\.(js|css)$/.test(path)) queue.push(path);
      }
    }
  }
  return [...seen].sort();
}

/** `shelters/index.html` → `/shelters/`: pages are requested by their directory URL. */
function siteUrl(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

const pageFiles: string[] = [];
for (const pattern of PAGES) for await (const f of glob(pattern, { cwd: DIST })) pageFiles.push(f.replace(/\\/g, '/'));
const searchFiles: string[] = [];
for (const pattern of SEARCH_INDEX) for await (const f of glob(pattern, { cwd: DIST })) searchFiles.push(f.replace(/\\/g, '/'));
const assets = await assetsFor(pageFiles.filter((f) => /\.html$/.test(f)));

const tmp = mkdtempSync(join(tmpdir(), 'yzready-sw-'));
try {
  // Bundled, so the worker shares the site's clock and the push contract's types (tests/unit/browser-bundles.test.ts
  // keeps server-only modules out of it).
  const built = await build({
    entryPoints: ['site/sw/sw.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    legalComments: 'none',
    metafile: true,
  });
  const code = built.outputFiles[0]?.text ?? '';
  // Which modules went in, for tests/unit/browser-bundles.test.ts (outside dist/, never served).
  mkdirSync('node_modules/.cache/yzready', { recursive: true });
  writeFileSync(
    'node_modules/.cache/yzready/sw-modules.json',
    JSON.stringify([{ file: 'sw.js', modules: Object.keys(built.metafile.inputs) }], null, 1),
  );
  const swSrc = join(tmp, 'sw.js');
  writeFileSync(swSrc, code);
  const result = await workbox.injectManifest({
    swSrc,
    swDest: join(DIST, 'sw.js'),
    globDirectory: DIST,
    globPatterns: [...pageFiles, ...assets, ...searchFiles],
    globIgnores: ['sw.js'],
    // Astro names _astro files, and Pagefind its index files, by content hash: their URL is their revision.
    dontCacheBustURLsMatching: /^(_astro\/|pagefind\/(index|filter|fragment)\/|pagefind\/.*\.pf_meta$)/,
    manifestTransforms: [async (entries) => ({ manifest: entries.map((e) => ({ ...e, url: siteUrl(e.url) })), warnings: [] })],
  });
  for (const w of result.warnings) console.warn(`sw: ${w}`);
  console.log(`sw: dist/sw.js precaches ${result.count} files, ${(result.size / 1024).toFixed(0)} KiB`);
  const searchBytes = searchFiles.reduce((n, f) => n + statSync(join(DIST, f)).size, 0);
  console.log(`sw: of which the search index, ${searchFiles.length} files, ${(searchBytes / 1024).toFixed(0)} KiB`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
