// `node scripts/alias-imports.ts [--check] DIR…`: rewrites relative imports that leave their top-level
// folder (`../../api/domain/areas.ts` in site/ or tests/) or climb two levels or more into the package
// `imports` aliases of package.json (`#api/domain/areas.ts`), which Node, Vite and TypeScript all resolve.
// With --check it only lists what it would change and exits 1 when anything would.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { imports: Record<string, string> };
/** Top-level folders that have an alias: `api` for `#api/*` → `./api/*`. */
const ALIASED = Object.entries(pkg.imports).flatMap(([alias, target]) => {
  const m = /^#([\w-]+)\/\*$/.exec(alias);
  return m && target === `./${m[1]}/*` ? [m[1] as string] : [];
});
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.mjs', '.js', '.astro'];
// `from '…'`, `import '…'`, `import('…')`, `export … from '…'`.
const SPECIFIER = /(\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)(['"])(\.\.?\/[^'"]+)\2/g;

/** The alias for `spec` imported from `file`, or null when it stays relative. */
export function aliasFor(file: string, spec: string): string | null {
  const target = resolve(dirname(file), spec);
  const [top, ...rest] = relative(ROOT, target).split(sep);
  const [fromTop] = relative(ROOT, file).split(sep);
  if (!top || !ALIASED.includes(top) || rest.length === 0) return null;
  if (top === fromTop && !spec.startsWith('../../')) return null;
  return `#${top}/${rest.join('/')}`;
}

/** `text` with its leaving-the-folder relative imports aliased. */
export function aliasImports(file: string, text: string): string {
  return text.replace(SPECIFIER, (whole, lead: string, quote: string, spec: string) => {
    const alias = aliasFor(file, spec);
    return alias ? `${lead}${quote}${alias}${quote}` : whole;
  });
}

function* sourceFiles(path: string): Generator<string> {
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      yield* sourceFiles(join(path, name));
    }
  } else if (EXTENSIONS.some((e) => path.endsWith(e))) yield path;
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const dirs = args.filter((a) => a !== '--check');
  if (dirs.length === 0) {
    console.error('用法：node scripts/alias-imports.ts [--check] 目录…（例如 site api tests scripts）');
    process.exit(2);
  }
  let changed = 0;
  for (const file of dirs.flatMap((d) => [...sourceFiles(resolve(d))])) {
    const before = readFileSync(file, 'utf8');
    const after = aliasImports(file, before);
    if (after === before) continue;
    changed += 1;
    console.log(relative(ROOT, file));
    if (!check) writeFileSync(file, after);
  }
  console.log(`${changed} file(s) ${check ? 'would change' : 'changed'}`);
  process.exit(check && changed > 0 ? 1 : 0);
}
