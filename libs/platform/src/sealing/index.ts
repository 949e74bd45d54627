export * from './seal-keys';
export * from './seal-contact';
export * from './contact-sealer';
export * from './contact-fingerprint';
