import { Injectable } from '@nestjs/common';
import { type HistoryMember, historyColumns, VIETNAM_UTC_OFFSET_MINUTES } from '@fg/kernel';
import { DataSource } from 'typeorm';

export type StatsGroupBy = 'unit' | 'procedure' | 'month';

/** Figure name → counter column of `timeliness_daily` and `timeliness_monthly`. */
const SUMS = {
  received: 'received',
  finished: 'finished',
  early: 'early',
  onTime: 'on_time',
  late: 'late',
  lateWithoutApology: 'late_without_apology',
  lateWithApology: 'late_with_apology',
  resolved: 'resolved',
  withdrawn: 'withdrawn',
  stopped: 'stopped',
  refused: 'refused',
  apologies: 'apologies',
  overdueFlagged: 'overdue_flagged',
  repeatedSupplements: 'repeated_supplements',
  thankYouLetters: 'thank_you_letters',
  sameDayReceived: 'received_same_day',
  sameDayFinished: 'same_day_finished',
  sameDayInTime: 'same_day_in_time',
  receivedCounter: 'received_counter',
  receivedOnline: 'received_online',
  receivedPostal: 'received_postal',
  receivedHome: 'received_home',
} as const;
export type CountedFigure = keyof typeof SUMS;
export const COUNTED_FIGURES = Object.keys(SUMS) as CountedFigure[];

/** Group key over `timeliness_daily` (column `day`) and `timeliness_monthly` (column `month`). */
const KEY = {
  unit: () => 'unit_code',
  procedure: () => 'procedure_code',
  month: (col: string) => `to_char(${col}, 'YYYY-MM')`,
} as const;
const OPEN_KEY = {
  unit: 'unit_code',
  procedure: 'procedure_code',
  // The local (Vietnam) month of receipt, by the kernel's fixed offset as everywhere else.
  month: `to_char((received_at AT TIME ZONE 'UTC') + interval '${VIETNAM_UTC_OFFSET_MINUTES} minutes', 'YYYY-MM')`,
} as const;

/** An inclusive range of days or months (`YYYY-MM-DD` / `YYYY-MM-01`). */
interface Range {
  from: string;
  to: string;
}

/** The reads behind the timeliness dashboards: counter sums, the open backlog and group labels. */
@Injectable()
export class TimelinessStatsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Counter sums per group: whole months from `timeliness_monthly`, the partial months at either end
   * (`head`, `tail`) from `timeliness_daily`. A group with no counted row is absent. A member with a
   * window (a predecessor, docs/domain.md §Administrative units) counts its days before `before` only: its
   * month of the date is read from the daily rows, the whole months before it from the monthly ones.
   * The daily rows are read in three disjoint parts, each its own branch so that each is an index range
   * (head days, tail days, and per member with a cut-off its month up to the day before): one OR over the
   * three, or a join with a list of ranges, made PostgreSQL read every daily row of every member (issue #21:
   * 10.9 s for the province by procedure on 4M dossiers). Every branch is a per-member index look-up
   * (`OFFSET 0` keeps it one): joined, the planner guessed half the members and read the range's day rows of
   * every unit even when parents stood for all members but one (170 ms of a 240 ms answer).
   * Grouped by procedure or month, a member whose every current child is a member without a cut-off (a
   * province or district with its descendants) has its children read from `timeliness_children`, one row per
   * parent instead of one per child (migration 1730000802100; the province by procedure on 4M dossiers read
   * ~230,000 rows of 1,000 communes).
   */
  async counted(
    groupBy: StatsGroupBy,
    members: HistoryMember[],
    cover: { months?: Range | null; head?: Range | null; tail?: Range | null },
  ): Promise<({ key: string } & Partial<Record<CountedFigure, number>>)[]> {
    const sums = Object.entries(SUMS)
      .map(([k, c]) => `sum(${c})::int AS "${k}"`)
      .join(', ');
    const cols = Object.values(SUMS).join(', ');
    const { codes, before } = historyColumns(members);
    // Grouped by unit, every member is its own group, so no parent can stand for its children.
    const byParents = groupBy !== 'unit';
    // Not grouped by procedure, the members' whole months come summed over procedures (migration 1730000802300).
    const monthly = groupBy === 'procedure' ? 'timeliness_monthly' : 'timeliness_unit_monthly';
    const children = [
      "grain = 'M' AND period BETWEEN $2 AND $3",
      ...['$4 AND $5', '$6 AND $7'].map((r) => `grain = 'D' AND period BETWEEN ${r}`),
    ]
      .map(
        (where) => `UNION ALL
          SELECT ${KEY[groupBy]('period')} AS key, ${cols} FROM timeliness_children JOIN f USING (parent_code) WHERE ${where}`,
      )
      .join('\n          ');
    const rows = await this.ds.query<({ key: unknown } & Partial<Record<CountedFigure, number>>)[]>(
      /* sql */ `WITH w AS (SELECT * FROM unnest($1::text[], $8::date[]) AS w(member_code, cutoff)),
        -- members all of whose current children are members without a cut-off: their children are read summed
        f AS (SELECT p.member_code AS parent_code FROM w AS p
          WHERE $9::boolean AND EXISTS (SELECT 1 FROM units c WHERE c.parent_code = p.member_code)
            AND NOT EXISTS (SELECT 1 FROM units c LEFT JOIN w AS x ON x.member_code = c.code
              WHERE c.parent_code = p.member_code AND (x.member_code IS NULL OR x.cutoff IS NOT NULL))),
        -- the members read one by one: the others
        o AS (SELECT * FROM w WHERE NOT EXISTS (
          SELECT 1 FROM units c JOIN f ON f.parent_code = c.parent_code WHERE c.code = w.member_code))
        SELECT key, ${sums} FROM (
          SELECT ${KEY[groupBy]('month')} AS key, ${cols} FROM o CROSS JOIN LATERAL (
              SELECT * FROM ${monthly} WHERE unit_code = o.member_code AND month BETWEEN $2 AND $3 OFFSET 0) AS d
            WHERE cutoff IS NULL OR month < date_trunc('month', cutoff)
          UNION ALL
          SELECT ${KEY[groupBy]('day')} AS key, ${cols} FROM o CROSS JOIN LATERAL (
              SELECT * FROM timeliness_daily WHERE unit_code = o.member_code AND day BETWEEN $4 AND $5 OFFSET 0) AS d
            WHERE cutoff IS NULL OR day < cutoff
          UNION ALL
          SELECT ${KEY[groupBy]('day')} AS key, ${cols} FROM o CROSS JOIN LATERAL (
              SELECT * FROM timeliness_daily WHERE unit_code = o.member_code AND day BETWEEN $6 AND $7 OFFSET 0) AS d
            WHERE cutoff IS NULL OR day < cutoff
          UNION ALL
          SELECT ${KEY[groupBy]('day')} AS key, ${cols} FROM o AS w CROSS JOIN LATERAL (
              SELECT * FROM timeliness_daily
              WHERE unit_code = w.member_code AND day >= date_trunc('month', w.cutoff)::date AND day < w.cutoff
              OFFSET 0) AS d
            WHERE w.cutoff IS NOT NULL AND date_trunc('month', w.cutoff) BETWEEN $2::date AND $3::date
          ${byParents ? children : ''}
        ) AS c GROUP BY 1`,
      [
        codes,
        cover.months?.from ?? null,
        cover.months?.to ?? null,
        cover.head?.from ?? null,
        cover.head?.to ?? null,
        cover.tail?.from ?? null,
        cover.tail?.to ?? null,
        before,
        byParents,
      ],
    );
    return rows.map((r) => ({ ...r, key: String(r.key) }));
  }

  /**
   * Open dossiers per group received before `receivedBefore` (and, per month, from `receivedFrom`), and how
   * many of them are overdue: due before `overdueBefore` and not waiting for the citizen's supplement. A
   * member with a window counts the dossiers it received before the local start of `before`.
   */
  open(
    groupBy: StatsGroupBy,
    members: HistoryMember[],
    receivedBefore: Date,
    overdueBefore: Date,
    receivedFrom: Date,
  ): Promise<{ key: string; open: number; overdue: number }[]> {
    return this.ds.query<{ key: string; open: number; overdue: number }[]>(
      /* sql */ `SELECT ${OPEN_KEY[groupBy]} AS key, count(*)::int AS open,
          count(*) FILTER (WHERE status <> 'SUPPLEMENT_REQUESTED' AND due_at < $3)::int AS overdue
        FROM dossiers JOIN unnest($1::text[], $4::date[]) AS w(member_code, cutoff) ON unit_code = member_code
        WHERE status IN ('RECEIVED', 'IN_PROGRESS', 'SUPPLEMENT_REQUESTED', 'AWAITING_FEES')
          AND received_at < $2 ${groupBy === 'month' ? 'AND received_at >= $5' : ''}
          AND (cutoff IS NULL
            OR received_at < (cutoff::timestamp - interval '${VIETNAM_UTC_OFFSET_MINUTES} minutes') AT TIME ZONE 'UTC')
        GROUP BY 1`,
      [
        historyColumns(members).codes,
        receivedBefore,
        overdueBefore,
        historyColumns(members).before,
        ...(groupBy === 'month' ? [receivedFrom] : []),
      ],
    );
  }

  /** Display names of unit or procedure group keys; months are their own label. */
  async labels(groupBy: StatsGroupBy, keys: string[]): Promise<Map<string, string>> {
    if (groupBy === 'month' || !keys.length) return new Map();
    const sql =
      groupBy === 'unit'
        ? 'SELECT code, name FROM units WHERE code = ANY($1)'
        : 'SELECT code, name FROM procedures WHERE code = ANY($1)';
    const rows = await this.ds.query<{ code: string; name: string }[]>(sql, [keys]);
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
