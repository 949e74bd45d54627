import { DataSource, QueryFailedError } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../testing';
import { MAX_PREPARED_STATEMENTS, prepared, preparedQuery, preparedStatementName } from './prepared-query';

describe('preparedQuery (named statements through TypeORM)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('prepared_query');
    ds = await new DataSource({ type: 'postgres', url: db.url, extra: { max: 1 } }).initialize();
    await ds.query('CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL)');
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const INSERT = 'INSERT INTO items (id, label) VALUES ($1, $2) RETURNING id, label';
  const SELECT = 'SELECT id, label FROM items WHERE id = ANY($1::int[]) ORDER BY id';

  it('answers as manager.query does, and the statement is prepared once on the connection', async () => {
    expect(await preparedQuery(ds, INSERT, [1, 'một'])).toEqual([{ id: 1, label: 'một' }]);
    expect(await preparedQuery(ds, INSERT, [2, 'hai'])).toEqual([{ id: 2, label: 'hai' }]);
    expect(await preparedQuery(ds, SELECT, [[1, 2, 3]])).toEqual(await ds.query(SELECT, [[1, 2, 3]]));
    // One pooled connection: what it has prepared is visible to it.
    const statements = await ds.query<{ name: string; statement: string }[]>(
      'SELECT name, statement FROM pg_prepared_statements ORDER BY statement',
    );
    expect(statements).toEqual([
      { name: preparedStatementName(INSERT), statement: INSERT },
      { name: preparedStatementName(SELECT), statement: SELECT },
    ]);
  });

  it('runs in the caller transaction: a rollback takes its writes back', async () => {
    await ds
      .transaction(async (m) => {
        await preparedQuery(m, INSERT, [10, 'mười']);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await preparedQuery(ds, SELECT, [[10]])).toEqual([]);
  });

  it('fails with TypeORM’s QueryFailedError carrying the PostgreSQL code, and the connection stays usable', async () => {
    const err = await preparedQuery(ds, INSERT, [1, 'again']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect((err as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23505');
    expect(await preparedQuery(ds, SELECT, [[1]])).toEqual([{ id: 1, label: 'một' }]);
  });

  it('names a text by its content, the same name every time, different texts apart', () => {
    const name = preparedStatementName(SELECT);
    expect(name).toMatch(/^fg_[0-9a-f]{24}$/);
    expect(preparedStatementName(SELECT)).toBe(name);
    expect(prepared(SELECT)).toEqual({ name, text: SELECT });
    expect(preparedStatementName(`${SELECT} `)).not.toBe(name);
  });

  it('prepares at most MAX_PREPARED_STATEMENTS texts; past that a text runs unnamed and still answers', async () => {
    for (let i = 0; preparedStatementName(`SELECT ${i} AS n`) !== undefined; i++)
      expect(i).toBeLessThan(MAX_PREPARED_STATEMENTS);
    const late = 'SELECT $1::int + 1 AS n';
    expect(preparedStatementName(late)).toBeUndefined();
    expect(prepared(late)).toEqual({ name: undefined, text: late });
    expect(await preparedQuery(ds, late, [41])).toEqual([{ n: 42 }]);
    // Texts named before the bound keep their names.
    expect(preparedStatementName(SELECT)).toMatch(/^fg_/);
    const after = await ds.query<{ statement: string }[]>('SELECT statement FROM pg_prepared_statements');
    expect(after.map((s) => s.statement)).not.toContain(late);
  });
});
