import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The YAML front matter of an MDX file (between its first two `---` lines), parsed, and the text after it. */
export function readFrontMatter(path: string): { data: unknown; body: string } {
  const text = readFileSync(path, 'utf8');
  const [, front = '', body = ''] = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text) ?? [];
  return { data: parse(front) as unknown, body };
}
