export * from './table';
export * from './csv';
export * from './xlsx';
export * from './negotiation';
export * from './exportable';
