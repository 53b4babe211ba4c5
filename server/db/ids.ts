/**
 * The shape of an id: a UUID as PostgreSQL writes it (either case accepted).
 * Used where a value reaches SQL or a log before any schema checked it (a
 * pool's startup parameter, the case named by a refused call's raw input).
 */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
