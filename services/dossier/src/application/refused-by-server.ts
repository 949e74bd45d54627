/**
 * Whether a failed statement was refused by the server: an ErrorResponse (pg's DatabaseError, with a severity and
 * a SQLSTATE, also inside TypeORM's QueryFailedError) means the statement's implicit transaction was rolled back.
 * Anything else (a connection lost, a socket error such as EPIPE, a client timeout mid-statement) leaves the outcome
 * unknown: it may have committed.
 */
export const refusedByServer = (e: unknown): boolean => {
  const err = e as {
    driverError?: { code?: unknown; severity?: unknown };
    code?: unknown;
    severity?: unknown;
  };
  const db = err?.driverError ?? err;
  return typeof db?.severity === 'string' && typeof db.code === 'string' && /^[0-9A-Z]{5}$/.test(db.code);
};
