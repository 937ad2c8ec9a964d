import type { Context } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { apiError } from './errors.ts';

// Default zod messages in Chinese; schemas add their own wording where a resident needs more.
z.config(z.locales.zhCN());

const jsonType = /^application\/([\w.-]+\+)?json$/i;

/** Turns a zod error into a 400 with one Chinese message per field. */
export function invalidInput(error: z.ZodError): never {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  const message = first ? (first[0] === '_' ? first[1] : `${first[0]}：${first[1]}`) : '提交的内容不符合要求。';
  throw apiError(400, 'invalid_input', message, fields);
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) invalidInput(result.error);
  return result.data;
}

/** Validates a JSON request body; wrong content type is 415, malformed JSON 400. */
export const jsonBody = <T extends z.ZodType>(schema: T) =>
  validator('json', (value, c: Context) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!jsonType.test(mediaType)) throw apiError(415, 'unsupported_media_type', '请以 JSON 格式提交（Content-Type: application/json）。');
    return parse(schema, value);
  });

/** Validates the query string. */
export const queryOf = <T extends z.ZodType>(schema: T) => validator('query', (value) => parse(schema, value));

/** Validates path parameters. */
export const paramsOf = <T extends z.ZodType>(schema: T) => validator('param', (value) => parse(schema, value));
