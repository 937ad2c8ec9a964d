import type { ComponentChildren } from 'preact';

/** Props of a group of radio buttons. */
interface Props<T extends string | boolean> {
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
export default function RadioGroup<T extends string | boolean>(p: Props<T>) {
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
