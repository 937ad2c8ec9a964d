import type { z } from 'zod';

/**
 * What is wrong with a request, in the API's words: one Chinese message per field (dotted path, `_`
 * for the whole body) and the first of them, named, as the message. No I/O: the islands' forms use it
 * to say the same before sending (site/lib/pre-validate.ts).
 */
export function problemsOf(error: z.core.$ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[issue.path.join('.') || '_'] ??= issue.message;
  const first = Object.entries(fields)[0];
  const message = first ? (first[0] === '_' ? first[1] : `${first[0]}：${first[1]}`) : '提交的内容不符合要求。';
  return { message, fields };
}
