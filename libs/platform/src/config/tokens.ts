/** Nest injection tokens shared across the platform. */
export const PLATFORM_OPTIONS = Symbol('PLATFORM_OPTIONS');
export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
