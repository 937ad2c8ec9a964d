// `npm run build`, after the service worker: a Brotli (.br) and a gzip (.gz) copy beside every text
// file of the built site, so the server sends residents on slow connections a fifth of the bytes
// without compressing on each request. Files under 1 KB and Pagefind's already-compressed index are skipped.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { glob } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = process.argv[2] ?? 'dist';
const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|xml|atom|txt|ics|csv|geojson|webmanifest)$/;
const MIN_BYTES = 1024;

let files = 0;
let before = 0;
let after = 0;
for await (const rel of glob('**/*', { cwd: DIST })) {
  if (!COMPRESSIBLE.test(rel)) continue;
  const path = join(DIST, rel);
  if (!statSync(path).isFile()) continue;
  const raw = readFileSync(path);
  if (raw.length < MIN_BYTES) continue;
  const br = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  const gz = gzipSync(raw, { level: 9 });
  // Only when it actually saves bytes.
  if (br.length < raw.length) writeFileSync(`${path}.br`, br);
  if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz);
  files++;
  before += raw.length;
  after += br.length;
}
console.log(`precompress: ${files} files, ${(before / 1024).toFixed(0)} KiB → ${(after / 1024).toFixed(0)} KiB with Brotli`);
