import type { ComponentChildren } from 'preact';
import TableHead from '../shared/TableHead.tsx';

/** Props: the column headings, the caption (when the page's heading does not already name the table) and the rows. */
interface Props {
  columns: string[];
  caption?: string;
  children: ComponentChildren;
}

/** The console's table: its caption, one heading a column, then the rows (`<tr>`s). */
export default function AdminTable({ columns, caption, children }: Props) {
  return (
    <table class="admin-table">
      {caption && <caption>{caption}</caption>}
      <TableHead heads={columns} />
      <tbody>{children}</tbody>
    </table>
  );
}
