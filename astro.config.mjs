// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { mkdirSync, writeFileSync } from 'node:fs';

const apiPort = Number(process.env.API_PORT ?? 4322);

/**
 * Records which source modules went into each chunk built for the browser, for
 * tests/unit/browser-bundles.test.ts (no Node built-in, no server-only module). Kept outside dist/, never served.
 * @returns {import('vite').Plugin}
 */
function recordBrowserModules() {
  return {
    name: 'yzready:browser-modules',
    apply: 'build',
    generateBundle(_options, bundle) {
      if (this.environment?.config.consumer !== 'client') return;
      const chunks = Object.values(bundle).flatMap((c) =>
        c.type === 'chunk' ? [{ file: `_astro/${c.fileName.replace(/^_astro\//, '')}`, modules: c.moduleIds }] : [],
      );
      mkdirSync('node_modules/.cache/yzready', { recursive: true });
      writeFileSync('node_modules/.cache/yzready/client-modules.json', JSON.stringify(chunks, null, 1));
    },
  };
}

export default defineConfig({
  site: process.env.SITE_URL ?? 'http://127.0.0.1:4321',
  srcDir: './site',
  publicDir: './public',
  outDir: './dist',
  output: 'static',
  trailingSlash: 'ignore',
  // Stylesheets under 12 KB are inlined: no render-blocking request before first paint on a weak network. The
  // shelter map's larger sheet stays a file, cached once, so offline copies of 50 shelter pages stay small.
  build: { format: 'directory', inlineStylesheets: 'auto' },
  integrations: [mdx(), preact()],
  server: { host: '127.0.0.1', port: 4321 },
  vite: {
    plugins: [recordBrowserModules()],
    build: { assetsInlineLimit: (file, content) => (file.endsWith('.css') ? content.length < 12_000 : undefined) },
    // `npm run dev`: the API runs in its own watched process; the dev server forwards /api to it.
    server: { proxy: { '/api': `http://127.0.0.1:${apiPort}` } },
  },
});
