/** One choice of a select: the value sent, and the words shown. */
export type OptionPair = readonly [value: string | number, label: string];

/** The `<option>`s of a select, in the order given. */
export default function OptionList({ options }: { options: ReadonlyArray<OptionPair> }) {
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
