/** Props of a list of checkboxes. */
interface Props<T extends string> {
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
export default function CheckboxList<T extends string>({ items, chosen, onToggle, name, class: extra }: Props<T>) {
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
