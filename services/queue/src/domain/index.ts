// Public API of the queue domain: pure functions and types, no framework, no I/O, time passed in.
export * from './queue.errors';
export { formatTicketNumber, nextDailySequence, type DailySequence } from './ticket-number';
export * from './queue-policy';
export * from './call-next';
export * from './call-candidates';
export * from './ticket-state';
export * from './ticket';
export * from './ticket-console';
export * from './ticket-events';
export * from './counter';
export * from './duty-officer';
export * from './wait-estimate';
export * from './duration-histogram';
export * from './queue-stats';
