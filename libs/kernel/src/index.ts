// The shared kernel: each rule that more than one service must apply identically is written here once.
// Pure TypeScript (no framework, no I/O), so domain code of every service may import it.
export * from './rule-error';
export * from './local-date';
export * from './vietnam-time';
export * from './periods';
export * from './sipas';
export * from './wait-buckets';
export * from './instant-text';
export * from './unit-history';
export * from './contact';
export * from './working-hours';
