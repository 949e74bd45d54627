export * from './test-database';
export * from './test-env';
export * from './wait-for';
export * from './kafka-test-client';
export * from './tokens';
export * from './unit-succession';
export * from './export-files';
export * from './pdf';
