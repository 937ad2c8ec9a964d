// A label table is written once, code and name together ({ natural: '自然灾害', … }); its codes, in
// the table's order, are read from it. Plain data, no imports: islands use the tables too.

/** The codes (keys) of a table in its order, as the non-empty tuple zod's and drizzle's enums take. */
export const codesOf = <K extends string>(table: Readonly<Record<K, unknown>>) => Object.keys(table) as [K, ...K[]];
