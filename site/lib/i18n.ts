// Which pages have an English version, and the address of each page in the other language.
// English lives under /en/ with the same path below it; every English page has a Chinese original.

/** The guides a visitor most needs, in the order the English guides page lists them. */
export const ENGLISH_GUIDES = [
  'rainstorm',
  'typhoon',
  'earthquake',
  'home-fire',
  'heat',
  'cpr-aed',
  'gas-leak',
  'traffic-accident',
] as const;

// Chinese paths with an English version: exact pages, and families under a prefix (every shelter).
const EXACT = new Set([
  '/',
  '/warnings/',
  '/warnings/detail/',
  '/shelters/',
  '/numbers/',
  '/guides/',
  ...ENGLISH_GUIDES.map((g) => `/guides/${g}/`),
]);
const FAMILIES = [/^\/shelters\/[a-z]{2}-[a-z0-9-]+\/$/, /^\/warnings\/\d+\/$/];

const withSlash = (path: string) => (path.endsWith('/') ? path : `${path}/`);

/** Whether a path is an English page. */
export const isEnglishPath = (path: string) => path === '/en' || path.startsWith('/en/');

/** The English version of a Chinese page, or null when there is none. */
export function englishPathFor(zhPath: string): string | null {
  const path = withSlash(zhPath);
  if (EXACT.has(path) || FAMILIES.some((re) => re.test(path))) return `/en${path}`;
  return null;
}

/** The Chinese original of an English page. */
export function chinesePathFor(enPath: string): string {
  return withSlash(enPath).replace(/^\/en\//, '/');
}

/** Both language versions of a page, when it has two: `[zh-CN path, en path]`; null otherwise. */
export function alternatesFor(path: string): { zh: string; en: string } | null {
  if (isEnglishPath(path)) return { zh: chinesePathFor(path), en: withSlash(path) };
  const en = englishPathFor(path);
  return en ? { zh: withSlash(path), en } : null;
}

/** Where the language switch goes: the same page in the other language, or the English home page. */
export function switchTarget(path: string): string {
  return isEnglishPath(path) ? chinesePathFor(path) : (englishPathFor(path) ?? '/en/');
}
