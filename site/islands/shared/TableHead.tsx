/** A table's column headings, in order; `false` leaves a column out (e.g. names the organiser hides). */
export default function TableHead({ heads }: { heads: ReadonlyArray<string | false> }) {
  return (
    <thead>
      <tr>
        {heads.map(
          (head) =>
            head !== false && (
              <th key={head} scope="col">
                {head}
              </th>
            ),
        )}
      </tr>
    </thead>
  );
}
