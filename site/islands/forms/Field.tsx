import type { ComponentChildren } from 'preact';
import './field.css';

/** What the control of a field carries so that its label, hint and error are read with it. */
export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid': 'true' | 'false';
}

/** Props of one form field. */
interface Props {
  /** The control's id; the hint and the error take `${id}-hint` and `${id}-error`. */
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** The message saying what to change, shown above the control; none when the value is fine. */
  error?: string | undefined;
  /** The control, given the attributes that tie it to the label, hint and error. */
  children: (control: ControlProps) => ComponentChildren;
}

/** The attributes of the control of field `id`, as govuk-frontend's form group sets them. */
export function controlProps(id: string, hint: boolean, error: string | undefined): ControlProps {
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { id, ...(described ? { 'aria-describedby': described } : {}), 'aria-invalid': error ? 'true' : 'false' };
}

/**
 * One form field: label, hint, the error in one place and the control, in that order (as
 * govuk-frontend's form group: the error sits between the hint and the control, and the control is
 * described by both). The error starts with a hidden “错误：” so a screen reader says what it is.
 */
export default function Field({ id, label, hint, error, children }: Props) {
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      )}
      {children(controlProps(id, Boolean(hint), error))}
    </div>
  );
}
