/*
 * Settle: after the traffic, wait (up to ~300 s) until the run is quiet: every outbox empty and every consumer
 * group of the run at the end of its topics. Only then do the owners' tables and the dashboards hold all the
 * accepted requests imply.
 */
import { sleep } from '../../lib/common';
import { servicesMaxStaleMs } from '../../lib/infra';
import { ChaosRun, PREFIX } from '../context';

export interface Quiet {
  /** Outboxes empty and lag 0, reached within the wait. */
  settled: boolean;
  /** Consumer groups of the run, at the last look. */
  groups: number;
  /** Their summed lag at the last look (-1: never looked). */
  lag: number;
  seconds: number;
  /** Consumer group → the topics it reads (to know which groups must dead-letter a malformed message). */
  groupTopics: Map<string, string[]>;
}

export async function settle({ db, admin }: ChaosRun): Promise<Quiet> {
  const groupTopics = new Map<string, string[]>();
  const groupsLag = async () => {
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(PREFIX));
    let lag = 0;
    for (const g of groups) {
      const offsets = await admin.fetchOffsets({ groupId: g });
      groupTopics.set(
        g,
        offsets.map((t) => t.topic),
      );
      for (const t of offsets) {
        const ends = await admin.fetchTopicOffsets(t.topic);
        for (const p of t.partitions) {
          const end = ends.find((e) => e.partition === p.partition)!;
          lag += Number(end.high) - (Number(p.offset) < 0 ? Number(end.low) : Number(p.offset));
        }
      }
    }
    return { groups: groups.length, lag };
  };
  const outboxRows = async () =>
    Number(
      (
        await db.query(
          /* sql */ `SELECT (SELECT count(*) FROM queue.outbox) + (SELECT count(*) FROM dossier.outbox) + (SELECT count(*) FROM survey.outbox) + (SELECT count(*) FROM rating.outbox) + (SELECT count(*) FROM notify.outbox) AS n`,
        )
      )[0].n,
    );
  let settled = false;
  let last = { groups: 0, lag: -1 };
  const started = Date.now();
  for (let i = 0; i < 300 && !settled; i++) {
    const outbox = await outboxRows();
    last = await groupsLag();
    settled = outbox === 0 && last.lag === 0;
    if (!settled) await sleep(1000);
  }
  // The dashboards may serve an answer up to the staleness bound old (StatsCache): the figures are read after
  // the services' bound (they refuse to start with an invalid one).
  if (settled) await sleep(servicesMaxStaleMs() + 250);
  return { settled, ...last, seconds: (Date.now() - started) / 1000, groupTopics };
}
