import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface BoardCounterView {
  counterNo: string;
  name: string;
  status: string;
  officerId: string | null;
  serving: { number: string; serviceCode: string; calledAt: Date } | null;
}

export interface BoardEventRow {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
}

type Db = EntityManager | DataSource;

/** Reads and writes of the board projection (tables of migration BoardProjection). */
@Injectable()
export class BoardRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Appends a unit's changes to its board log with gap-free seqs. The `board_units` row lock orders
   * concurrent appenders of one unit (normally there is one: the topic is keyed by unit).
   */
  async appendMany(
    m: EntityManager,
    unitCode: string,
    entries: { type: string; payload: object }[],
  ): Promise<void> {
    if (!entries.length) return;
    const rows: { last: string }[] = await m.query(
      /* sql */ `INSERT INTO board_units AS b (unit_code, last_seq) VALUES ($1, $2)
        ON CONFLICT (unit_code) DO UPDATE SET last_seq = b.last_seq + $2 RETURNING last_seq AS last`,
      [unitCode, entries.length],
    );
    const first = Number(rows[0].last) - entries.length + 1;
    await m.query(
      /* sql */ `INSERT INTO board_events (unit_code, seq, type, payload)
        SELECT $1, $2::bigint + i - 1, type, payload FROM unnest($3::text[], $4::jsonb[]) WITH ORDINALITY AS x(type, payload, i)`,
      [unitCode, first, entries.map((e) => e.type), entries.map((e) => JSON.stringify(e.payload))],
    );
    // Keep the log short: a board away longer than this gets a fresh snapshot instead of a replay.
    if (Math.floor((first - 1) / 500) !== Math.floor((first + entries.length - 1) / 500)) {
      await m.query(
        `DELETE FROM board_events WHERE unit_code = $1 AND created_at < now() - interval '3 days'`,
        [unitCode],
      );
    }
  }

  async counters(unitCode: string, db: Db = this.ds, counterNo?: string): Promise<BoardCounterView[]> {
    type Row = Omit<BoardCounterView, 'serving'> & {
      number: string | null;
      serviceCode: string;
      calledAt: Date;
    };
    const rows = await db.query<Row[]>(
      /* sql */ `SELECT c.counter_no AS "counterNo", c.name, coalesce(b.status, 'CLOSED') AS status, b.officer_id AS "officerId",
          b.number, b.service_code AS "serviceCode", b.called_at AS "calledAt"
        FROM counters c LEFT JOIN board_counters b ON b.unit_code = c.unit_code AND b.counter_no = c.counter_no
        WHERE c.unit_code = $1 AND ($2::text IS NULL OR c.counter_no = $2)
        ORDER BY length(c.counter_no), c.counter_no`,
      [unitCode, counterNo ?? null],
    );
    return rows.map((r) => ({
      counterNo: r.counterNo,
      name: r.name,
      status: r.status,
      officerId: r.officerId,
      serving: r.number ? { number: r.number, serviceCode: r.serviceCode, calledAt: r.calledAt } : null,
    }));
  }

  /** Waiting tickets of the day per service of the unit (every configured service, zeros included). */
  async waiting(
    unitCode: string,
    localDay: string,
    db: Db = this.ds,
  ): Promise<{ serviceCode: string; name: string; prefix: string; waiting: number }[]> {
    return db.query(
      /* sql */ `SELECT s.code AS "serviceCode", s.name, s.prefix, count(w.ticket_id)::int AS waiting
        FROM service_queues s LEFT JOIN board_waiting w ON w.unit_code = s.unit_code AND w.service_code = s.code AND w.local_day = $2
        WHERE s.unit_code = $1 GROUP BY s.code, s.name, s.prefix ORDER BY s.code`,
      [unitCode, localDay],
    );
  }

  async lastCalls(unitCode: string, limit = 10): Promise<Record<string, unknown>[]> {
    const rows: { payload: { call: Record<string, unknown> } }[] = await this.ds.query(
      /* sql */ `SELECT payload FROM board_events WHERE unit_code = $1 AND type IN ('ticket.called', 'ticket.recalled')
        ORDER BY seq DESC LIMIT $2`,
      [unitCode, limit],
    );
    return rows.map((r) => r.payload.call);
  }

  async lastSeq(unitCode: string): Promise<number> {
    const rows = await this.ds.query<{ last_seq: string }[]>(
      'SELECT last_seq FROM board_units WHERE unit_code = $1',
      [unitCode],
    );
    return rows[0] ? Number(rows[0].last_seq) : 0;
  }

  async lastSeqs(unitCodes: string[]): Promise<Map<string, number>> {
    const rows: { unit_code: string; last_seq: string }[] = await this.ds.query(
      'SELECT unit_code, last_seq FROM board_units WHERE unit_code = ANY($1)',
      [unitCodes],
    );
    return new Map(rows.map((r) => [r.unit_code, Number(r.last_seq)]));
  }

  /** Oldest seq still kept for the unit (null when the log is empty). */
  async oldestSeq(unitCode: string): Promise<number | null> {
    const rows = await this.ds.query<{ s: string | null }[]>(
      'SELECT min(seq) AS s FROM board_events WHERE unit_code = $1',
      [unitCode],
    );
    return rows[0].s === null ? null : Number(rows[0].s);
  }

  async eventsAfter(unitCode: string, afterSeq: number, limit = 500): Promise<BoardEventRow[]> {
    const rows: { seq: string; type: string; payload: Record<string, unknown> }[] = await this.ds.query(
      'SELECT seq, type, payload FROM board_events WHERE unit_code = $1 AND seq > $2 ORDER BY seq LIMIT $3',
      [unitCode, afterSeq, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), type: r.type, payload: r.payload }));
  }
}
