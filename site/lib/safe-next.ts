/** Where staff go after signing in when `next` is missing or not a path of this site. */
export const ADMIN_HOME = '/admin/';

/**
 * The `next` parameter of the sign-in page, kept only when it is a path of this site. Browsers
 * read `/\evil`, `\/evil`, `/<tab>/evil` and `//evil` as another host (the URL parser drops tabs
 * and newlines and treats `\` as `/` in http URLs), and `/%2F%2Fevil` becomes one after a decode
 * elsewhere, so anything with a backslash, a control character or a leading double slash, raw or
 * decoded, goes to the console home instead.
 */
export function safeNext(raw: string | null, origin: string): string {
  if (!raw) return ADMIN_HOME;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return ADMIN_HOME;
  }
  for (const value of [raw, decoded]) {
    if (!value.startsWith('/') || value.startsWith('//')) return ADMIN_HOME;
    if (/[\\\u0000-\u001f\u007f]/.test(value)) return ADMIN_HOME;
  }
  const url = new URL(raw, origin);
  return url.origin === origin ? url.pathname + url.search + url.hash : ADMIN_HOME;
}
