// The small controls the islands' forms share (Field.tsx, with its CSS, is the labelled field). They
// live in one module so that a page gets them as one small file, not one request each.
import type { ComponentChildren } from 'preact';

/** What went wrong with a form or a request, read out at once (`role="alert"`); nothing when all is well. */
export function FormError({ message }: { message: string }) {
  return message ? (
    <p class="form-error" role="alert">
      {message}
    </p>
  ) : null;
}

/** One choice of a select: the value sent, and the words shown. */
export type OptionPair = readonly [value: string | number, label: string];

/** The `<option>`s of a select, in the order given. */
export function OptionList({ options }: { options: ReadonlyArray<OptionPair> }) {
  return (
    <>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </>
  );
}

/** Props of a group of radio buttons. */
interface RadioGroupProps<T extends string | boolean> {
  legend: string;
  name: string;
  /** Each button's value and words, in order. */
  options: ReadonlyArray<readonly [T, string]>;
  /** The value chosen (at first only, when there is no `onChange`: the form is then read with FormData). */
  value: T;
  onChange?: ((v: T) => void) | undefined;
  /** Class of the fieldset. */
  class?: string;
  /** Class of each button's label: `inline` on contest and staff pages, `choice` on the others. */
  labelClass?: 'inline' | 'choice';
  /** Shown in the fieldset after the buttons (what the choice opens). */
  children?: ComponentChildren;
}

/** A group of radio buttons under a legend, each in its label. */
export function RadioGroup<T extends string | boolean>(p: RadioGroupProps<T>) {
  const { onChange } = p;
  return (
    <fieldset {...(p.class ? { class: p.class } : {})}>
      <legend>{p.legend}</legend>
      {p.options.map(([v, label]) => (
        <label key={String(v)} class={p.labelClass ?? 'inline'}>
          <input
            type="radio"
            name={p.name}
            value={String(v)}
            {...(onChange ? { checked: p.value === v, onChange: () => onChange(v) } : { defaultChecked: p.value === v })}
          />{' '}
          {label}
        </label>
      ))}
      {p.children}
    </fieldset>
  );
}

/** Props of a list of checkboxes. */
interface CheckboxListProps<T extends string> {
  /** What can be ticked: its code and its name. */
  items: ReadonlyArray<{ code: T; name: string }>;
  /** The codes ticked. */
  chosen: readonly T[];
  /** One was ticked (`on`) or cleared. */
  onToggle: (code: T, on: boolean) => void;
  /** The name of the inputs, if the list has one. */
  name?: string;
  /** Class of the list, besides `choices`. */
  class?: string;
}

/** Checkboxes for several of a list (districts, hazard types), each with its name. */
export function CheckboxList<T extends string>({ items, chosen, onToggle, name, class: extra }: CheckboxListProps<T>) {
  return (
    <div class={extra ? `choices ${extra}` : 'choices'}>
      {items.map((item) => (
        <label key={item.code} class="choice">
          <input
            type="checkbox"
            {...(name ? { name } : {})}
            checked={chosen.includes(item.code)}
            onChange={(e) => onToggle(item.code, e.currentTarget.checked)}
          />
          {item.name}
        </label>
      ))}
    </div>
  );
}

/**
 * A form's submit handler for an island: the browser does not leave the page, and `handle` gets what the
 * form holds (read from the form itself, so even what was typed before the island woke up counts).
 */
export const submitted =
  (handle: (data: FormData) => void) =>
  (e: Event): void => {
    e.preventDefault();
    handle(new FormData(e.currentTarget as HTMLFormElement));
  };
