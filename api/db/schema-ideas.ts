// Tables of the ideas feature; re-exported by api/db/schema.ts so drizzle-kit and the client see them.
export {};
