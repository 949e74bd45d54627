import type { LocalDate } from './local-date';

/**
 * A unit whose history a unit's statistics read (docs/domain.md §Administrative units): the unit itself
 * (and its descendants) with all of its rows, and each unit it succeeded (a merger's or split's
 * predecessor, followed along chains) with its rows from before `before`, the succession's effective date.
 */
export interface HistoryMember {
  code: string;
  /** The first local day not counted; null: every day counts. */
  before: LocalDate | null;
}

/**
 * Merges members reached along several paths into one per code: all days when any path counts all of
 * them, else the widest window (the latest date), so a unit's rows are never counted twice.
 */
export function mergeHistoryMembers(members: HistoryMember[]): HistoryMember[] {
  const byCode = new Map<string, HistoryMember>();
  for (const m of members) {
    const known = byCode.get(m.code);
    if (!known) byCode.set(m.code, { ...m });
    else if (known.before !== null && (m.before === null || m.before > known.before))
      byCode.set(m.code, { ...m });
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Whether a row of local day `day` of `member` counts. */
export const countsOnDay = (member: HistoryMember, day: LocalDate): boolean =>
  member.before === null || day < member.before;

/** The members as the two parallel arrays a SQL `unnest($codes::text[], $before::date[])` reads. */
export const historyColumns = (members: HistoryMember[]): { codes: string[]; before: (string | null)[] } => ({
  codes: members.map((m) => m.code),
  before: members.map((m) => m.before),
});
