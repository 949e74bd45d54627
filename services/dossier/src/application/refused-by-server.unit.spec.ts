import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';
import { refusedByServer } from './refused-by-server';

const serverError = (code: string, severity = 'ERROR') => {
  const e = new DatabaseError('refused', 0, 'error');
  e.code = code;
  e.severity = severity;
  return e;
};

describe('refusedByServer (whether a failed statement was rolled back, or its outcome is unknown)', () => {
  it('is true for an error the server answered, bare or inside TypeORM', () => {
    expect(refusedByServer(serverError('23505'))).toBe(true); // unique violation
    expect(refusedByServer(serverError('23502'))).toBe(true); // not null violation
    expect(refusedByServer(serverError('57P01', 'FATAL'))).toBe(true); // terminated by the administrator
    expect(refusedByServer(new QueryFailedError('WITH …', [], serverError('40P01')))).toBe(true);
  });

  it('is false for a lost connection or a socket error, whose statement may have committed', () => {
    expect(refusedByServer(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(refusedByServer(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(false);
    expect(refusedByServer(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(false);
    expect(refusedByServer(new QueryFailedError('WITH …', [], new Error('Query read timeout')))).toBe(false);
    expect(refusedByServer(undefined)).toBe(false);
  });
});
