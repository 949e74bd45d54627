import {
  chooseNext,
  compareQueueOrder,
  type CallChoice,
  type ChooseNextInput,
  type WaitingTicket,
} from './call-next';

/**
 * The counter's choices in order of preference: what `chooseNext` picks, then what it would pick if
 * that ticket were gone, and so on (same streak, same moment). When several counters call at once the
 * first choices may be claimed by the others; the counter then takes the next one here, exactly as if
 * it had asked again without them. At most `limit` choices (enough to outnumber simultaneous counters).
 */
export const rankCallCandidates = (input: ChooseNextInput, limit: number): CallChoice[] => {
  const served = new Set(input.counterServiceCodes);
  let rest = input.waiting.filter((t) => served.has(t.serviceCode));
  const ranked: CallChoice[] = [];
  while (ranked.length < limit) {
    const choice = chooseNext({ ...input, waiting: rest });
    if (!choice) break;
    ranked.push(choice);
    rest = rest.filter((t) => t.id !== choice.ticketId);
  }
  return ranked;
};

/**
 * The waiting tickets that can be among a counter's first `limit` choices: of the services it serves,
 * the `limit` earliest (in queue order) of each priority value. Every rule of `chooseNext` picks the earliest ticket of some
 * set that is a union of priority values (overdue = the earliest of all; a class; the normal ones),
 * so after j < limit picks its next pick is still among the limit earliest of its own priority value.
 * The repository reads exactly this pool (a window query) instead of every waiting ticket.
 */
export const callCandidatePool = (
  waiting: readonly WaitingTicket[],
  serviceCodes: readonly string[],
  limit: number,
): WaitingTicket[] => {
  const served = new Set(serviceCodes);
  const byPriority = new Map<string, WaitingTicket[]>();
  for (const t of waiting)
    if (served.has(t.serviceCode)) byPriority.set(t.priority, [...(byPriority.get(t.priority) ?? []), t]);
  return [...byPriority.values()].flatMap((list) => [...list].sort(compareQueueOrder).slice(0, limit));
};
