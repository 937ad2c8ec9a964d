import { z } from 'zod';
import { problemsOf } from '#api/input-problems.ts';
import { ApiRequestError } from './api-client.ts';

// The same Chinese default messages as the API (api/validate.ts), for what a schema leaves unworded.
z.config(z.locales.zhCN());

/**
 * Checks a form's values with the schema the API applies, before anything is sent: the parsed value,
 * or the error the API would answer (400 `invalid_input`, one message per field, the first one named).
 */
export function preValidate<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { message, fields } = problemsOf(result.error);
  throw new ApiRequestError(400, 'invalid_input', message, fields);
}
