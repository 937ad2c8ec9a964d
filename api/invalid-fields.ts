/** A zod issue as far as the messages need it. */
interface Issue {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

/**
 * One message per field of a failed check (the first for each dotted path, `_` for the whole body)
 * and the message that leads (`title：标题至少 4 个字`). No I/O: the API's 400 and an island's check
 * before sending use it alike, so a form says the same either way.
 */
export function invalidFields(issues: readonly Issue[]): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = Object.entries(fields)[0];
  const message = first ? (first[0] === '_' ? first[1] : `${first[0]}：${first[1]}`) : '提交的内容不符合要求。';
  return { message, fields };
}
