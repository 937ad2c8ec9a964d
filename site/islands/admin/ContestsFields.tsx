/** A group of radio buttons with a legend (the one component the resident pages use too). */
export { RadioGroup as Choice } from '../forms/controls.tsx';

/** The API's message for one field, if any. */
export function FieldError({ fields, name }: { fields: Record<string, string>; name: string }) {
  const message = Object.entries(fields).find(([k]) => k === name || k.startsWith(`${name}.`))?.[1];
  return message ? <p class="form-error">{message}</p> : null;
}
