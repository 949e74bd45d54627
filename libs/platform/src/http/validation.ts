import { ArgumentMetadata, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { DomainError } from './domain-error';
import { illFormedStringPath } from './well-formed-strings';

function flatten(errors: ValidationError[], prefix = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** A query string as Express parses it: string values or lists of strings, nothing nested. */
function isFlatQuery(value: unknown): value is Record<string, string | string[]> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const k in value) {
    const v = (value as Record<string, unknown>)[k];
    if (typeof v !== 'string' && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) return false;
  }
  return true;
}

/** A deep copy of a validated DTO (own data properties; the class prototype kept). */
function copyOf<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyOf) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  const out = Object.create(Object.getPrototypeOf(v) as object | null) as Record<string, unknown>;
  for (const k of Object.keys(v)) out[k] = copyOf((v as Record<string, unknown>)[k]);
  return out as T;
}

/**
 * The ValidationPipe, plus a memo for query DTOs: dashboards repeat the same few query strings, and turning one
 * into its DTO (class-transformer, then class-validator over every rule) cost more than answering from the
 * cache. The query DTOs' rules and transforms depend only on the query string, so a query string that passed for
 * a DTO class gives the same DTO again: each request gets its own deep copy of it. Failures are not remembered
 * (they run the pipe again, same errors). Bounded per DTO class, oldest first out; bodies and params are not memoized.
 */
export class PlatformValidationPipe extends ValidationPipe {
  private readonly queries = new WeakMap<object, Map<string, unknown>>();

  constructor(
    options: ValidationPipeOptions,
    private readonly maxQueriesPerClass = 500,
  ) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') refuseIllFormedStrings(value, metadata);
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || !metatype || !this.toValidate(metadata) || !isFlatQuery(value))
      return super.transform(value, metadata);
    const key = JSON.stringify(value);
    if (key.length > 4096) return super.transform(value, metadata);
    let known = this.queries.get(metatype);
    if (!known) this.queries.set(metatype, (known = new Map<string, unknown>()));
    if (known.has(key)) return copyOf(known.get(key));
    const dto: unknown = await super.transform(value, metadata);
    known.set(key, copyOf(dto));
    if (known.size > this.maxQueriesPerClass) known.delete(known.keys().next().value as string);
    return dto;
  }
}

/**
 * Every string of a body, query or path parameter, whatever its DTO says: no NUL and no lone surrogate (see
 * well-formed-strings.ts). Checked here, once for all routes, so no DTO can forget it.
 */
function refuseIllFormedStrings(value: unknown, metadata: ArgumentMetadata): void {
  const found = illFormedStringPath(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
  if (!found) return;
  const problem = 'must not contain NUL or unpaired surrogate characters';
  throw new DomainError('INVALID', 'REQUEST.INVALID', `Invalid request: ${found}: ${problem}`, [
    { field: found, problems: [problem] },
  ]);
}

/** Global pipe: strips nothing silently — an unknown field is a 400 naming it, as is every invalid one. */
export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ');
      return new DomainError('INVALID', 'REQUEST.INVALID', `Invalid request: ${message}`, details);
    },
  });
}
