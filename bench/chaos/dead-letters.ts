/*
 * The dead-letter check of the chaos run: every injected malformed message must be in the .dlq topic once per
 * consumer group reading its topic, with the reason (x-error) and origin (x-original-*) headers.
 */
import type { Kafka } from 'kafkajs';
import { dlqTopic } from '@fg/contracts';
import { readAll } from '../lib/infra';
import { PREFIX } from './context';
import { InjectedMessage, INJECTED_TOPICS } from './malformed';

/** Report shape: bench/reports/chaos-latest.json `malformed`. */
export interface DeadLetters {
  injected: number;
  missingFromDlq: number;
  missingGroupCopies: number;
  withoutReason: number;
  wrongOrigin: number;
  /** The same message dead-lettered again by the same group (killed before committing): at least once. */
  redeliveredCopies: number;
  dlqCopiesByGroup: Record<string, number>;
  reasons: Record<string, number>;
}

export async function readDeadLetters(
  kafka: Kafka,
  injected: InjectedMessage[],
  groupTopics: Map<string, string[]>,
): Promise<DeadLetters> {
  const copiesOf = new Map<string, Set<string>>();
  const byGroup: Record<string, number> = {};
  const reasons = new Map<string, number>();
  let withoutReason = 0;
  let wrongOrigin = 0;
  let redelivered = 0;
  const injectedTopic = new Map(injected.map((i) => [i.key, i.topic]));
  for (const t of INJECTED_TOPICS) {
    for (const r of await readAll(kafka, `${PREFIX}${dlqTopic(t)}`)) {
      if (!r.key || !injectedTopic.has(r.key)) continue;
      const group = r.headers['x-consumer-group'] ?? '?';
      const copies = copiesOf.get(r.key) ?? copiesOf.set(r.key, new Set()).get(r.key)!;
      if (copies.has(group)) redelivered++;
      copies.add(group);
      byGroup[group] = (byGroup[group] ?? 0) + 1;
      const reason = r.headers['x-error'];
      if (!reason) withoutReason++;
      else reasons.set(reason.slice(0, 80), (reasons.get(reason.slice(0, 80)) ?? 0) + 1);
      if (
        r.headers['x-original-topic'] !== injectedTopic.get(r.key) ||
        r.headers['x-original-offset'] === undefined ||
        r.headers['x-original-partition'] === undefined
      )
        wrongOrigin++;
    }
  }
  let missingFromDlq = 0;
  let missingGroupCopies = 0;
  for (const { key, topic } of injected) {
    const want = [...groupTopics.entries()].filter(([, ts]) => ts.includes(topic)).map(([g]) => g);
    const got = copiesOf.get(key) ?? new Set();
    if (!got.size) missingFromDlq++;
    missingGroupCopies += want.filter((g) => !got.has(g)).length;
  }
  return {
    injected: injected.length,
    missingFromDlq,
    missingGroupCopies,
    withoutReason,
    wrongOrigin,
    redeliveredCopies: redelivered,
    dlqCopiesByGroup: byGroup,
    reasons: Object.fromEntries(reasons),
  };
}

/** All injected (`expected` of them), each once in every group's copy, none without reason or origin. */
export const deadLettersOk = (d: DeadLetters, expected: number) =>
  d.injected === expected &&
  d.missingFromDlq === 0 &&
  d.missingGroupCopies === 0 &&
  d.withoutReason === 0 &&
  d.wrongOrigin === 0;
