// Column shapes the tables share, written once (drizzle's "column helpers"): the row id, the two
// timestamps, yes/no flags, typed JSON and required references. Each is a function, so every table
// gets builders of its own.
import { integer, text, type AnySQLiteColumn, type ReferenceConfig } from 'drizzle-orm/sqlite-core';

/** The row id: an integer primary key the database counts up. */
export const rowId = () => integer('id').primaryKey({ autoIncrement: true });

/** `created_at` and `updated_at`, unix ms, both set by the code that writes the row. */
export const timestamps = () => ({
  createdAt: integer('created_at').notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** A yes/no column (SQLite 0/1), never null. */
export const flag = (name: string, byDefault: boolean) => integer(name, { mode: 'boolean' }).notNull().default(byDefault);

/** A JSON column holding a `T`, never null. */
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>().notNull();

/** A required reference to another row (a foreign key that is never null). */
export const refersTo = (name: string, target: () => AnySQLiteColumn, actions?: ReferenceConfig['actions']) =>
  integer(name).notNull().references(target, actions);
