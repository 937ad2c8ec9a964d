import { zValidator } from '@hono/zod-validator';
import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { apiError } from './errors.ts';
import { problemsOf } from './input-problems.ts';

const jsonType = /^application\/([\w.-]+\+)?json$/i;

/** Turns a zod error into a 400 with one Chinese message per field. */
export function invalidInput(error: z.core.$ZodError): never {
  const { message, fields } = problemsOf(error);
  throw apiError(400, 'invalid_input', message, fields);
}

/** zValidator's hook: a failure is our 400 `invalid_input`, never zod's own error body. */
const orInvalid = (result: { success: true } | { success: false; error: z.core.$ZodError }): void => {
  if (!result.success) invalidInput(result.error);
};

/**
 * Validates a JSON request body; wrong content type is 415, malformed JSON 400. Built on
 * `zValidator`, so `hc<typeof routes>` knows the body as the schema's `z.input`.
 */
export const jsonBody = <T extends z.ZodType>(schema: T) => {
  const validate = zValidator('json', schema, orInvalid);
  const checked: MiddlewareHandler = async (c, next) => {
    const mediaType = (c.req.header('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!jsonType.test(mediaType)) throw apiError(415, 'unsupported_media_type', '请以 JSON 格式提交（Content-Type: application/json）。');
    return validate(c, next);
  };
  // Same input and output types as zValidator's: only the content-type check runs first.
  return checked as typeof validate;
};

/** Validates the query string (the client sends each field as a string). */
export const queryOf = <T extends z.ZodType>(schema: T) => zValidator('query', schema, orInvalid);

/**
 * Validates path parameters. Routes name them plainly (`/:id`) and let the schema check them, so
 * that the typed client reads `client[':id'].$get({ param: { id } })` rather than a regex key.
 */
export const paramsOf = <T extends z.ZodType>(schema: T) => zValidator('param', schema, orInvalid);
