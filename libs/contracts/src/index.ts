import 'reflect-metadata';
export * from './topics';
export * from './unit-code';
export * from './envelope';
export * from './registry';
export * from './codec';
export * from './events';
export * from './sealed-contact';
export * from './contact-validation';
