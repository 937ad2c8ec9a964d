import { describe, expect, test } from 'vitest';
import { ADMIN_HOME, safeNext } from '#site/lib/safe-next.ts';

const ORIGIN = 'https://yjzx.yangzhou.example';

describe('safeNext', () => {
  test('keeps a path of this site, with its query and fragment', () => {
    expect(safeNext('/admin/warnings/?id=3#draft', ORIGIN)).toBe('/admin/warnings/?id=3#draft');
    expect(safeNext('/admin/ideas/', ORIGIN)).toBe('/admin/ideas/');
  });

  test('sends anything a browser could read as another host to the console home', () => {
    const hostile = [
      null,
      '',
      '//evil.example',
      '///evil.example',
      '/\\evil.example',
      '\\/evil.example',
      '\\\\evil.example',
      '/%2F%2Fevil.example',
      '/%2f/evil.example',
      '%2F%2Fevil.example',
      '/%5Cevil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r\n/evil.example',
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'https://evil.example',
      'http:evil.example',
      'evil.example',
      '/%E0%A4%A',
    ];
    for (const next of hostile) expect(safeNext(next, ORIGIN), JSON.stringify(next)).toBe(ADMIN_HOME);
  });
});
