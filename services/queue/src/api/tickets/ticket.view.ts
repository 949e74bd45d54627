import type { Ticket } from '../../domain';

/** A ticket as the API returns it: the domain state (dates as ISO strings by JSON). */
export const ticketView = (t: Ticket) => ({ ...t });
