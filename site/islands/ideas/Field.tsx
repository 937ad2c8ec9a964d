import type { ComponentChildren } from 'preact';

/** Props of one labelled form field. */
interface Props {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ComponentChildren;
}

/** Label, hint and error around a control; the control points at them with `describedBy(id)`. */
export default function Field({ id, label, hint, error, children }: Props) {
  return (
    <>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      {children}
    </>
  );
}

/** `aria-describedby` and `aria-invalid` for the control of field `id`. */
export function describedBy(id: string, hint: boolean, error: string | undefined) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { ...(ids ? { 'aria-describedby': ids } : {}), 'aria-invalid': error ? ('true' as const) : ('false' as const) };
}
