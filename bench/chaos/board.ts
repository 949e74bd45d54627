/*
 * The display board from either queue instance (issue #21 target 6): once the traffic has stopped (every kill,
 * the broker and PostgreSQL restarts behind), for each ordered pair of instances a board SSE client connects to
 * one, a kiosk issues a ticket through the other, and the client must receive that change (`ticket.issued`,
 * after its snapshot) within BOARD_WAIT_MS. The change travels as it does in production: the queue outbox,
 * the broker, the board consumer on whichever instance holds the unit's partition, the board log's NOTIFY (or
 * the hub's 2 s poll) on the instance the board is connected to. The ticket is recorded like any accepted
 * request, so the figures still add up.
 */
import { call } from '../lib/http';
import { bearer } from '../lib/infra';
import { openSse, SseStream } from '../../services/queue/src/testing/sse-client';
import type { Supervisor } from './supervisor';
import type { Truth } from './traffic';

const BOARD_WAIT_MS = 30_000;

export interface BoardCheck {
  /** The instance the ticket was issued through and the one the board was connected to (1-based). */
  from: number;
  to: number;
  ok: boolean;
  /** From the issue's answer to the change on the board. */
  ms?: number;
  error?: string;
}

export async function boardAcrossInstances(
  services: Supervisor,
  unit: string,
  truth: Truth,
): Promise<BoardCheck[]> {
  const checks: BoardCheck[] = [];
  const kiosk = bearer({ sub: `kiosk-${unit}`, roles: ['kiosk'], units: [unit] });
  for (let to = 0; to < services.instances; to++) {
    for (let from = 0; from < services.instances; from++) {
      if (from === to && services.instances > 1) continue;
      const check: BoardCheck = { from: from + 1, to: to + 1, ok: false };
      checks.push(check);
      let board: SseStream | undefined;
      try {
        board = await openSse(services.portOf({ s: 'queue', i: to }), `/api/v1/units/${unit}/board/stream`);
        if (board.status !== 200) throw new Error(`board stream answered ${board.status}`);
        const snapshot = await board.next((e) => e.event === 'snapshot', BOARD_WAIT_MS);
        const issued = await call(
          services.instanceUrl({ s: 'queue', i: from }),
          'POST',
          `/api/v1/units/${unit}/tickets`,
          kiosk,
          { serviceCode: 'HT' },
        ).catch((e: Error) => {
          // No answer: the ticket may exist; verify settles it against the owner like the traffic's.
          truth.requests.inDoubt++;
          truth.issuesInDoubt[unit] = (truth.issuesInDoubt[unit] ?? 0) + 1;
          throw e;
        });
        if (issued.status !== 201 && issued.status !== 200)
          throw new Error(`issuing answered ${issued.status} ${JSON.stringify(issued.body)}`);
        truth.requests.ok++;
        truth.tickets.set(issued.body.id, {
          id: issued.body.id,
          unit,
          counter: '',
          status: issued.body.status ?? 'WAITING',
          doubt: false,
        });
        const answered = Date.now();
        // The traffic has stopped: the unit's next ticket.issued on the board is this ticket.
        await board.next(
          (e) => e.event === 'ticket.issued' && Number(e.id) > Number(snapshot.id),
          BOARD_WAIT_MS,
        );
        check.ms = Date.now() - answered;
        check.ok = true;
      } catch (e) {
        check.error = (e as Error).message;
      } finally {
        board?.close();
      }
    }
  }
  return checks;
}
