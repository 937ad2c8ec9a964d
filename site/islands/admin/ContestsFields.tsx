/** A group of radio buttons with a legend. */
export function Choice({
  legend,
  name,
  options,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  options: ReadonlyArray<readonly [string, string]>;
  value: string;
  onChange?: (v: string) => void;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map(([v, label]) => (
        <label key={v} class="inline">
          <input
            type="radio"
            name={name}
            value={v}
            {...(onChange ? { checked: value === v, onChange: () => onChange(v) } : { defaultChecked: value === v })}
          />{' '}
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** The API's message for one field, if any. */
export function FieldError({ fields, name }: { fields: Record<string, string>; name: string }) {
  const message = Object.entries(fields).find(([k]) => k === name || k.startsWith(`${name}.`))?.[1];
  return message ? <p class="form-error">{message}</p> : null;
}
