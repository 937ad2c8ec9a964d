// The contest API as the islands call it: Hono's typed clients of the two route groups, so a renamed
// field or path fails to compile here. Call them through `call()` (site/lib/api-client.ts).
import type { adminContests, contests } from '#api/contests/index.ts';
import { apiClient, type CallOptions } from '#site/lib/api-client.ts';

/** `/api/contests`: joining, answering, the leaderboard, certificate checks (no account). */
export const contestApi = apiClient<typeof contests>('/api/contests');

/** `/api/admin/contests`: the organiser's side. */
export const adminContestApi = apiClient<typeof adminContests>('/api/admin/contests');

/** `value` checked with the schema the API applies, before sending (the same 400 the API would give). */
export { preValidate as checked } from '#site/lib/pre-validate.ts';

/** Residents' pages have no sign-in to send them to: a 401 is an error like any other. */
export const resident: CallOptions = { redirectOn401: false };

/**
 * `param` of a route taking a typed code (join code, certificate code). Hono's client puts params in
 * the path as they are, so the code is trimmed and encoded here: a stray `/` or `?` stays in it.
 */
export const codeParam = (code: string) => ({ code: encodeURIComponent(code.trim()) });

/** Files the browser downloads or shows itself (an `<a href>` or `<img src>`, not a fetch). */
export const adminFileUrl = (id: number, file: 'results.csv' | 'qr.svg') => `/api/admin/contests/${id}/${file}`;

/** `?code=` of the page, upper-cased, or ''. */
export const codeFromUrl = (): string =>
  typeof location === 'undefined' ? '' : (new URLSearchParams(location.search).get('code') ?? '').trim().toUpperCase();

/** `?id=` of the page, or NaN. */
export const idFromUrl = (): number => (typeof location === 'undefined' ? NaN : Number(new URLSearchParams(location.search).get('id')));
