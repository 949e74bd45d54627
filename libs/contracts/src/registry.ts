import type { TopicName } from './topics';

export type DataClass<T extends object = object> = new () => T;

export interface EventDefinition<T extends object = object> {
  /** CloudEvents `type`, e.g. `dossier.resolved`. */
  readonly type: string;
  readonly dataversion: string;
  readonly topic: TopicName;
  readonly dataClass: DataClass<T>;
  readonly description: string;
  /**
   * Set on a superseded version that may still sit on the topic: consumers keep decoding it, producers can
   * no longer create or encode it (codec.ts refuses). Says why it was superseded and by what.
   */
  readonly consumeOnly?: string;
}

const definitions = new Map<string, EventDefinition>();
const keyOf = (type: string, dataversion: string) => `${type}@${dataversion}`;

/** Registers an event type once; consumers accept exactly the (type, dataversion) pairs registered here. */
export function defineEvent<T extends object>(def: EventDefinition<T>): EventDefinition<T> {
  const key = keyOf(def.type, def.dataversion);
  if (definitions.has(key)) throw new Error(`event ${key} is defined twice`);
  definitions.set(key, def);
  return def;
}

export function findEventDefinition(type: string, dataversion: string): EventDefinition | undefined {
  return definitions.get(keyOf(type, dataversion));
}

/** The definitions a service may still publish (every registered one except consume-only versions). */
export function publishableEventDefinitions(): EventDefinition[] {
  return allEventDefinitions().filter((d) => !d.consumeOnly);
}

export function allEventDefinitions(): EventDefinition[] {
  return [...definitions.values()].sort(
    (a, b) => a.type.localeCompare(b.type) || a.dataversion.localeCompare(b.dataversion),
  );
}
