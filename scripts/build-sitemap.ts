// `npm run build`, after Astro: /sitemap.xml lists every public page of the build — each index.html
// that is not an admin page, the 404 or offline page, or a page that asks not to be indexed. Addresses
// use the origin the build was made for; the server puts the served one in (api/site-origin.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { glob } from 'node:fs/promises';

const DIST = 'dist';
const origin = new URL(readFileSync(`${DIST}/build-origin.txt`, 'utf8').trim()).origin;

const paths: string[] = [];
for await (const file of glob('**/index.html', { cwd: DIST })) {
  const path = `/${file.replace(/index\.html$/, '')}`;
  if (path.startsWith('/admin/') || path === '/offline/') continue;
  if (/<meta name="robots" content="[^"]*noindex/.test(readFileSync(`${DIST}/${file}`, 'utf8'))) continue;
  paths.push(path);
}
paths.sort();

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const xml = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
  ...paths.map((p) => `  <url><loc>${escape(origin + encodeURI(p))}</loc></url>`),
  '</urlset>',
  '',
].join('\n');
writeFileSync(`${DIST}/sitemap.xml`, xml);
console.log(`sitemap: ${paths.length} pages`);
