import { createEvent, type SuccessionKind, Topics, UnitSuccessionRecorded } from '@fg/contracts';
import type { DataSource } from 'typeorm';
import { produceRaw } from './kafka-test-client';
import { waitFor } from './wait-for';

export interface RecordedSuccessionSpec {
  successionId: number;
  kind?: SuccessionKind;
  predecessors: string[];
  successors: string[];
  effectiveDate: string;
}

/**
 * Publishes `unit.succession-recorded` as the rating service does (keyed by the first successor) and waits
 * until the service's local copy (`db`) holds every one of them.
 */
export async function recordSuccessions(
  topicPrefix: string,
  db: DataSource,
  successions: RecordedSuccessionSpec[],
): Promise<void> {
  await produceRaw(
    `${topicPrefix}${Topics.RATING}`,
    successions.map(({ kind = 'MERGER', ...s }) => ({
      key: s.successors[0],
      value: JSON.stringify(
        createEvent(
          UnitSuccessionRecorded,
          { ...s, kind },
          { source: 'rating', subject: s.successors[0], unitcode: s.successors[0] },
        ),
      ),
    })),
  );
  const ids = successions.map((s) => s.successionId);
  await waitFor(
    async () =>
      (await db.query('SELECT 1 FROM unit_successions WHERE succession_id = ANY($1)', [ids])).length ===
      ids.length,
    { message: 'the successions in the local copy' },
  );
}
