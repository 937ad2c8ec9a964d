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
  // Lists and pages of 金点子 that read from the API.
  ideas: { paths: ['/ideas/', '/ideas/track/', '/ideas/view/', '/ideas/results/'], js: 20_000, css: 6_000 },
  // The two long forms check every value with the API's own schemas before sending (zod, about 25 KB of this).
  forms: { paths: ['/ideas/submit/', '/contest/join/'], js: 56_000, css: 6_000 },
  // A pupil's contest pages, on a phone in a classroom.
  contest: { paths: ['/contest/play/', '/contest/practice/', '/contest/board/', '/contest/certificate/'], js: 48_000, css: 6_000 },
} as const;

/** A kind of page with a budget. */
export type PageKind = keyof typeof PAGE_BUDGETS;
