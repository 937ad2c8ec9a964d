import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { aliasImports } from '../../scripts/alias-imports.ts';

const at = (file: string, text: string) => aliasImports(resolve(file), text);

describe('scripts/alias-imports.ts', () => {
  test('turns imports that leave their folder, or climb two levels, into the package aliases', () => {
    expect(at('site/pages/shelters/index.astro', "import { DISTRICTS } from '../../../api/domain/areas.ts';")).toBe(
      "import { DISTRICTS } from '#api/domain/areas.ts';",
    );
    expect(at('site/pages/shelters/index.astro', "import '../../components/shelters/nearest.css';")).toBe(
      "import '#site/components/shelters/nearest.css';",
    );
    expect(at('tests/api/x.test.ts', "const m = await import('#api/server.ts');")).toBe("const m = await import('#api/server.ts');");
    expect(at('scripts/start.ts', "export { x } from '../api/x.ts';")).toBe("export { x } from '#api/x.ts';");
  });

  test('leaves imports within a folder one level up, and packages, as they are', () => {
    const same = [
      "import { esc } from './html.ts';",
      "import { cleanText } from '../warnings/text.ts';",
      "import { z } from 'zod';",
      "import { x } from '../../node_modules/y/index.js';",
    ].join('\n');
    expect(at('api/warnings/page.ts', same)).toBe(same);
  });
});
