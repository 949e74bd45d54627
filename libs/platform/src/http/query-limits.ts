/**
 * Highest `offset` a paged list accepts. `@IsInt()` alone lets 1e20 or 1e30 through (they are integers to
 * JavaScript), and Postgres then fails on an OFFSET beyond its bigint: a 500 instead of a 400. A million rows in
 * is past any page a person reads; the dossier list pages by cursor instead.
 */
export const MAX_OFFSET = 1_000_000;
