/**
 * What each kind of page may make a phone download, gzipped (tests/unit/page-budgets.test.ts checks the
 * build against it, `npm run bench:lighthouse` prints it): a resident on a weak 4G signal in a storm
 * should get the guide at once, and the shelter map soon after.
 */
export const PAGE_BUDGETS = {
  home: { paths: ['/'], js: 15_000, css: 6_000 },
  guide: { paths: 'every guide', js: 10_000, css: 6_000 },
  shelters: { paths: ['/shelters/'], js: 60_000, css: 14_000 },
  // 25 KB until #18: the typed API client (hono/client, about 2 KB gzipped, for 0.6 KB of hand-written fetch) took 1.4 KB more.
  warnings: { paths: ['/warnings/'], js: 27_000, css: 6_000 },
} as const;

/** A kind of page with a budget. */
export type PageKind = keyof typeof PAGE_BUDGETS;
