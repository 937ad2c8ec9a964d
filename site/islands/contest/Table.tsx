import type { ComponentChildren } from 'preact';
import type { Participation, RankedTeam } from '#api/contests/contract.ts';
import TableHead from '../shared/TableHead.tsx';

/** One column: its heading and what each row shows in it. */
export interface Column<T> {
  head: string;
  cell(row: T): ComponentChildren;
  /** Long text that may wrap (a question's stem). */
  wrap?: boolean;
}

interface Props<T> {
  caption: ComponentChildren;
  /** Said to screen readers only (a heading above already says it). */
  captionHidden?: boolean;
  /** Columns in order; `false` leaves one out (e.g. names the organiser hides). */
  columns: ReadonlyArray<Column<T> | false>;
  rows: readonly T[];
  rowKey(row: T, index: number): string | number;
  /** A staff page's table: `admin-table` style, reachable by keyboard to scroll it sideways. */
  staff?: boolean;
}

/** The contest pages' one table: a caption, column headings, a row per item. */
export function Table<T>({ caption, captionHidden = false, columns, rows, rowKey, staff = false }: Props<T>) {
  const shown = columns.filter((c): c is Column<T> => c !== false);
  return (
    <table class={staff ? 'admin-table' : 'contest-table'} {...(staff ? { tabIndex: 0 } : {})}>
      <caption {...(captionHidden ? { class: 'visually-hidden' } : {})}>{caption}</caption>
      <TableHead heads={shown.map((c) => c.head)} />
      <tbody>
        {rows.map((row, i) => (
          <tr key={rowKey(row, i)}>
            {shown.map((c) => (
              <td key={c.head} {...(c.wrap ? { class: 'wrap' } : {})}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Joined and handed-in participants of each team: on the public board and the organiser's page. */
export function ParticipationTable({ rows, staff = false }: { rows: Participation; staff?: boolean }) {
  return (
    <Table
      caption="各队参与情况"
      captionHidden={staff}
      staff={staff}
      rows={rows}
      rowKey={(p) => p.team}
      columns={[
        { head: '队伍', cell: (p) => p.team },
        { head: '已加入', cell: (p) => p.joined },
        { head: '已交卷', cell: (p) => p.finished },
      ]}
    />
  );
}

/** Team places under a rule in words (`平均分`, `最好的 5 人总分`). */
export function TeamTable({ teams, rule }: { teams: RankedTeam[]; rule: string }) {
  return (
    <Table
      caption={`队伍排名（${rule}）`}
      rows={teams}
      rowKey={(t) => t.team}
      columns={[
        { head: '名次', cell: (t) => t.rank },
        { head: '队伍', cell: (t) => t.team },
        { head: rule, cell: (t) => t.value },
        { head: '完成人数', cell: (t) => t.members },
      ]}
    />
  );
}
