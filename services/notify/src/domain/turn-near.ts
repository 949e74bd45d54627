import type { UnitSettings } from './rules';

/** A waiting ticket of the notify service's projection of the queue (from queue events). */
export interface WaitingTicket {
  ticketId: string;
  serviceCode: string;
  /** The printed number (A007): tickets issued in the same millisecond queue by it, as in the queue service. */
  number: string;
  issuedAt: Date;
  /** Whether the citizen left a phone for "your turn is near". */
  hasContact: boolean;
  /** Already told (never twice). */
  notified: boolean;
}

export interface TurnNear {
  ticketId: string;
  /** Citizens ahead in the same service queue. */
  position: number;
  waitMinutes: number;
}

/**
 * The tickets of one service queue that should now hear "your turn is near": those with a phone, not told
 * yet, with at most `turnNearPosition` citizens ahead or an estimated wait of at most `turnNearMinutes`
 * (citizens ahead × minutes per citizen ÷ open counters of the service, at least one). Ahead means issued
 * earlier in the same service; the queue's priority rules may call someone sooner, never later than this
 * estimate by more than the priority citizens who arrive meanwhile, so the message errs on the early side.
 */
/**
 * The queue service's order within a priority: issue time, then the printed number (shorter first, then as
 * text: A9 before A10), then the id. Tickets issued in one millisecond otherwise fell back to the random id,
 * so a later number could be told it was near before an earlier one.
 */
export function compareQueueOrder(a: WaitingTicket, b: WaitingTicket): number {
  return (
    a.issuedAt.getTime() - b.issuedAt.getTime() ||
    a.number.length - b.number.length ||
    (a.number < b.number ? -1 : a.number > b.number ? 1 : 0) ||
    (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0)
  );
}

export function turnNearTickets(
  waiting: readonly WaitingTicket[],
  settings: UnitSettings,
  openCounters: number,
): TurnNear[] {
  const queue = [...waiting].sort(compareQueueOrder);
  const counters = Math.max(1, openCounters);
  const out: TurnNear[] = [];
  queue.forEach((t, ahead) => {
    if (!t.hasContact || t.notified) return;
    const waitMinutes = Math.ceil((ahead * settings.minutesPerCitizen) / counters);
    if (ahead <= settings.turnNearPosition || waitMinutes <= settings.turnNearMinutes)
      out.push({ ticketId: t.ticketId, position: ahead, waitMinutes });
  });
  return out;
}
