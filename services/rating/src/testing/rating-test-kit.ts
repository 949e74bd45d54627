import type { INestApplication } from '@nestjs/common';
import { DomainEvent, Topics, TOPIC_KEY, TopicName } from '@fg/contracts';
import { bearer, produceRaw, readTopic, setupTestEnv, TestEnv, waitFor } from '@fg/platform/testing';
import request from 'supertest';
import { startService } from '../../../../test/support/apps';
import { ScoreWorker } from '../application/score-worker';

export const admin = bearer({ sub: 'admin-1', roles: ['admin'], units: ['*'] });
export const viewer = bearer({ sub: 'viewer-1', roles: ['viewer'], units: ['*'] });
export const assessorOf = (...units: string[]) =>
  // A subject is an id (JwtAuthGuard refuses others): '*' (every unit) becomes "all".
  bearer({ sub: `assessor-${units.join('-').replace(/\*/g, 'all')}`, roles: ['assessor'], units });

export interface UnitSpec {
  code: string;
  name: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  parentCode?: string;
}

/** A running rating service on a fresh database and topic prefix, with helpers to feed it and read it. */
export class RatingTestKit {
  private sentinels = 0;
  private constructor(
    readonly env: TestEnv,
    readonly app: INestApplication,
  ) {}

  static async start(label: string): Promise<RatingTestKit> {
    const env = await setupTestEnv(label);
    return new RatingTestKit(env, await startService('rating'));
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.env.teardown();
  }

  http() {
    return request(this.app.getHttpServer());
  }

  async registerUnits(units: UnitSpec[]): Promise<void> {
    await this.http().post('/api/v1/units/import').set('Authorization', admin).send({ units }).expect(200);
  }

  /** Produces events as their publishers would (key per topic), or all under `key` to keep them in one partition. */
  async produce(topic: TopicName, events: DomainEvent[], key?: string): Promise<void> {
    const keyOf = (e: DomainEvent) => key ?? (TOPIC_KEY[topic] === 'subject' ? e.subject : e.unitcode);
    await produceRaw(
      `${this.env.topicPrefix}${topic}`,
      events.map((e) => ({ key: keyOf(e), value: JSON.stringify(e) })),
    );
  }

  async scorecard(code: string, year = 2026) {
    const res = await this.http()
      .get(`/api/v1/units/${code}/scorecard?year=${year}`)
      .set('Authorization', viewer)
      .expect(200);
    return res.body;
  }

  /** Polls the scorecard until `ready` holds (events are consumed asynchronously). */
  async scorecardWhen(code: string, ready: (card: any) => boolean, message: string, year = 2026) {
    return waitFor(
      async () => {
        const card = await this.scorecard(code, year);
        return ready(card) ? card : false;
      },
      { message },
    );
  }

  /**
   * Every rating event about `code` published so far. Renames the unit (a sentinel unit.upserted on the same
   * key, hence the same partition, after everything committed before) and reads until the sentinel, so an
   * event that was never published is really absent rather than late. Pending score recomputes are drained
   * first, so the score events of everything consumed so far are in the outbox before the sentinel.
   */
  async publishedAbout(code: string, parentCode: string | null, level: UnitSpec['level']): Promise<any[]> {
    await this.app.get(ScoreWorker).drain();
    const rename = (name: string) =>
      this.http()
        .put(`/api/v1/units/${code}`)
        .set('Authorization', admin)
        .send({ name, level, parentCode })
        .expect(200);
    const original = (await this.http().get(`/api/v1/units/${code}`).set('Authorization', admin).expect(200))
      .body.name;
    const name = `sentinel ${code} #${++this.sentinels}`;
    await rename(name);
    const messages = await readTopic(`${this.env.topicPrefix}${Topics.RATING}`, (m) =>
      m.some((x) => x.value?.includes(name)),
    );
    await rename(original);
    return messages
      .map((m) => JSON.parse(m.value!))
      .filter((e) => e.unitcode === code && e.type !== 'unit.upserted');
  }
}

/** Criteria of a scorecard by code. */
export const byCode = (card: { criteria: { code: string }[] }) =>
  Object.fromEntries(card.criteria.map((c) => [c.code, c])) as Record<string, any>;
