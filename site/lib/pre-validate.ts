import type { z } from 'zod';
import { problemsOf } from '#api/input-problems.ts';
import { ApiRequestError } from './api-client.ts';

/**
 * Checks a form's values with the schema the API applies, before anything is sent: the parsed value,
 * or the error the API would answer (400 `invalid_input`, one message per field, the first one as the message; zod's
 * own wording in Chinese through api/zod-messages.ts).
 */
export function preValidate<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const { message, fields } = problemsOf(result.error);
  throw new ApiRequestError(400, 'invalid_input', message, fields);
}
