// A label table is written once, code and name together ({ natural: '自然灾害', … }); its codes, in
// the table's order, are read from it. Plain data, no imports: islands use the tables too.

/** The codes of a label table in its order, as the non-empty tuple zod's and drizzle's enums take. */
export const codesOf = <K extends string>(names: Readonly<Record<K, string>>) => Object.keys(names) as [K, ...K[]];
