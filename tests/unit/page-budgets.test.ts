import { describe, expect, test } from 'vitest';
import { PAGE_BUDGETS } from '#site/lib/page-budgets.ts';
import { builtPages } from '../fixtures/axe.ts';
import { pageWeight } from '../fixtures/page-weight.ts';

/** Guide pages of the build: /guides/<slug>/, not the lists beside them. */
const guides = () =>
  builtPages().filter(
    (p) => /^\/guides\/[a-z0-9-]+\/$/.test(p) && !['/guides/hazards/', '/guides/checklist/', '/guides/standard/'].includes(p),
  );

describe('JavaScript and CSS budgets of the built pages (gzipped bytes)', () => {
  test('the build is there to be weighed, and the shelter map’s own code is counted', () => {
    expect(guides().length).toBeGreaterThanOrEqual(30);
    expect(pageWeight('/shelters/').files.some((f) => f.includes('leaflet'))).toBe(true);
  });

  for (const [kind, budget] of Object.entries(PAGE_BUDGETS)) {
    test(`${kind}: at most ${budget.js} bytes of JavaScript and ${budget.css} of CSS`, () => {
      const paths = budget.paths === 'every guide' ? guides() : budget.paths;
      const over: string[] = [];
      for (const path of paths) {
        const w = pageWeight(path);
        if (w.js > budget.js) over.push(`${path}: JS ${w.js} > ${budget.js} (${w.files.join(' ')})`);
        if (w.css > budget.css) over.push(`${path}: CSS ${w.css} > ${budget.css}`);
      }
      expect(over).toEqual([]);
    });
  }
});
