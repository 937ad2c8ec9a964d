import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';

// Server and build only: reading content files. The folder itself is configured in api/env.ts (CONTENT_DIR).

/** Thrown when a content file does not match its schema; names the file and the field. */
export class ContentError extends Error {}

/** Parses one YAML file with `schema`, failing with the file name and field path. */
export function readYamlFile<T extends z.ZodType>(path: string, schema: T): z.output<T> {
  const result = schema.safeParse(parse(readFileSync(path, 'utf8')));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ContentError(`${path}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return result.data;
}

/** Every `.yaml` file directly inside `dir`, sorted by name. */
export function yamlFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}
