import { chooseNext, type CallChoice, type ChooseNextInput } from './call-next';

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
