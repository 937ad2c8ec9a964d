import type { z } from 'zod';
import './zod-messages.ts';

/**
 * What is wrong with a request, in the API's words: one Chinese message per field (keyed by its dotted
 * path, `_` for the whole body, for clients to place beside the field) and the first of them as the
 * message. The message never leads with the field's programming name (`deviceToken`), which a resident
 * cannot read; the schemas word their messages to say which field they mean. No I/O: the islands'
 * forms use it to say the same before sending (site/lib/pre-validate.ts).
 */
export function problemsOf(error: z.core.$ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  const message = Object.values(fields)[0] ?? '提交的内容不符合要求。';
  return { message, fields };
}
