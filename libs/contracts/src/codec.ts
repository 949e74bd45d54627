import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EventEnvelope, SourceService } from './envelope';
import { EventDefinition, findEventDefinition } from './registry';

/** Thrown when bytes or an object are not a valid event; `problems` name each offending field. */
export class ContractViolation extends Error {
  constructor(readonly problems: string[], readonly eventType?: string) {
    super(`invalid event${eventType ? ` ${eventType}` : ''}: ${problems.join('; ')}`);
    this.name = 'ContractViolation';
  }
}

/** A validated event: the envelope with `data` as an instance of its registered class. */
export type DomainEvent<T extends object = object> = EventEnvelope<T>;

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

const ENVELOPE_KEYS = new Set(['specversion', 'id', 'type', 'source', 'subject', 'time', 'datacontenttype', 'dataversion', 'unitcode', 'correlationid', 'causationid', 'data']);

function check(raw: unknown, forEncode: boolean): { envelope: EventEnvelope; def: EventDefinition } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ContractViolation(['event must be a JSON object']);
  const obj = raw as Record<string, unknown>;
  const envelope = plainToInstance(EventEnvelope, obj);
  const problems = flatten(validateSync(envelope, { forbidUnknownValues: false }));
  if (forEncode) {
    for (const key of Object.keys(obj)) if (!ENVELOPE_KEYS.has(key)) problems.push(`${key}: unknown envelope attribute`);
  }
  const type = typeof obj.type === 'string' ? obj.type : undefined;
  const dataversion = typeof obj.dataversion === 'string' ? obj.dataversion : undefined;
  const def = type && dataversion ? findEventDefinition(type, dataversion) : undefined;
  if (type && dataversion && !def) problems.push(`type: unknown event type ${type} with dataversion ${dataversion}`);
  if (problems.length) throw new ContractViolation(problems, type);
  const data = plainToInstance(def!.dataClass, obj.data as object);
  const dataProblems = flatten(
    validateSync(data, { whitelist: forEncode, forbidNonWhitelisted: forEncode, forbidUnknownValues: false }),
    'data',
  );
  if (dataProblems.length) throw new ContractViolation(dataProblems, type);
  envelope.data = data;
  return { envelope, def: def! };
}

/** Validates bytes (or a parsed object) into a typed event; throws ContractViolation with precise reasons. */
export function decode(input: Buffer | string | object): DomainEvent {
  let raw: unknown = input;
  if (Buffer.isBuffer(input) || typeof input === 'string') {
    try {
      raw = JSON.parse(input.toString());
    } catch (e) {
      throw new ContractViolation([`not JSON: ${(e as Error).message}`]);
    }
  }
  return check(raw, false).envelope;
}

/** Serialises an event after validating it; an invalid event is refused, never emitted. */
export function encode(event: DomainEvent): Buffer {
  const plain = JSON.parse(JSON.stringify(event));
  check(plain, true);
  return Buffer.from(JSON.stringify(plain));
}

export interface EventMeta {
  source: SourceService;
  subject: string;
  unitcode: string;
  correlationid?: string;
  causationid?: string;
  /** Defaults to now; pass the domain time when the event happened. */
  time?: Date;
  id?: string;
}

/** Builds and validates an envelope for a registered event type. */
export function createEvent<T extends object>(def: EventDefinition<T>, data: T, meta: EventMeta): DomainEvent<T> {
  const event: DomainEvent<T> = {
    specversion: '1.0',
    id: meta.id ?? randomUUID(),
    type: def.type,
    source: meta.source,
    subject: meta.subject,
    time: (meta.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json',
    dataversion: def.dataversion,
    unitcode: meta.unitcode,
    ...(meta.correlationid ? { correlationid: meta.correlationid } : {}),
    ...(meta.causationid ? { causationid: meta.causationid } : {}),
    data: JSON.parse(JSON.stringify(data)),
  };
  check(event, true);
  return event;
}

/** Narrows a decoded event to a definition's data type. */
export function isEvent<T extends object>(event: DomainEvent, def: EventDefinition<T>): event is DomainEvent<T> {
  return event.type === def.type && event.dataversion === def.dataversion;
}
