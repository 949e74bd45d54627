/*
 * The baseline most NestJS projects would write for the same projection: `@nestjs/microservices`' Kafka
 * transport (ServerKafka: one kafkajs consumer, eachMessage, auto-commit), one `@EventPattern` handler per
 * topic (ServerKafka routes by topic name) that dispatches to one method per event type, each of which loads
 * the projection row with TypeORM, changes it and `save()`s it: a read and a write per event, no batching, no
 * inbox. It validates each event with the same contracts (`decode`) as the real consumers do.
 *
 *   KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, DATABASE_URL (tables are created with synchronize), BASELINE_GROUP
 */
import 'reflect-metadata';
import { Controller, Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Column, Entity, PrimaryColumn, Repository } from 'typeorm';
import { decode, DomainEvent } from '@fg/contracts';
import { localYearMonthOf, toLocalDate } from '@fg/kernel';
import { benchSasl } from '../lib/infra';

const PREFIX = process.env.KAFKA_TOPIC_PREFIX ?? '';

const counter = () =>
  Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  });

@Entity('baseline_unit_metrics')
export class UnitMonthStats {
  @PrimaryColumn({ name: 'unit_code' }) unitCode!: string;
  @PrimaryColumn() year!: number;
  @PrimaryColumn() month!: number;
  @counter() events!: number;
  @counter() dossiers_received!: number;
  @counter() dossiers_finished!: number;
  @counter() early!: number;
  @counter() on_time!: number;
  @counter() late!: number;
  @counter() late_with_apology!: number;
  @counter() late_without_apology!: number;
  @counter() open_overdue_delta!: number;
  @counter() same_day_finished!: number;
  @counter() same_day_on_time!: number;
  @counter() home_service!: number;
  @counter() apologies_issued!: number;
  @counter() survey_responses!: number;
  @counter() access_satisfied!: number;
  @counter() access_valid!: number;
  @counter() procedure_satisfied!: number;
  @counter() procedure_valid!: number;
  @counter() officer_satisfied!: number;
  @counter() officer_valid!: number;
  @counter() result_satisfied!: number;
  @counter() result_valid!: number;
  @counter() feedback_satisfied!: number;
  @counter() feedback_valid!: number;
  @counter() stars_1!: number;
  @counter() stars_2!: number;
  @counter() stars_3!: number;
  @counter() stars_4!: number;
  @counter() stars_5!: number;
  @counter() tickets_served!: number;
  @counter() wait_seconds_sum!: number;
}

@Entity('baseline_officer_stars')
export class OfficerMonthStats {
  @PrimaryColumn({ name: 'officer_id' }) officerId!: string;
  @PrimaryColumn({ name: 'unit_code' }) unitCode!: string;
  @PrimaryColumn() year!: number;
  @PrimaryColumn() month!: number;
  @counter() stars_1!: number;
  @counter() stars_2!: number;
  @counter() stars_3!: number;
  @counter() stars_4!: number;
  @counter() stars_5!: number;
  @counter() tickets_served!: number;
}

@Injectable()
export class ProjectionService {
  constructor(
    @InjectRepository(UnitMonthStats) private readonly units: Repository<UnitMonthStats>,
    @InjectRepository(OfficerMonthStats) private readonly officers: Repository<OfficerMonthStats>,
  ) {}

  private async unitRow(unitCode: string, at: string): Promise<UnitMonthStats> {
    const key = { unitCode, ...localYearMonthOf(at) };
    return (await this.units.findOneBy(key)) ?? this.units.create({ ...key, ...zeros() });
  }

  private async officerRow(officerId: string, unitCode: string, at: string): Promise<OfficerMonthStats> {
    const key = { officerId, unitCode, ...localYearMonthOf(at) };
    return (
      (await this.officers.findOneBy(key)) ??
      this.officers.create({
        ...key,
        stars_1: 0,
        stars_2: 0,
        stars_3: 0,
        stars_4: 0,
        stars_5: 0,
        tickets_served: 0,
      })
    );
  }

  async onDossierReceived(e: DomainEvent<any>) {
    const row = await this.unitRow(e.unitcode, e.data.receivedAt);
    row.events++;
    row.dossiers_received++;
    if (e.data.channel === 'HOME') row.home_service++;
    await this.units.save(row);
  }

  async onDossierFinished(e: DomainEvent<any>) {
    const d = e.data;
    const row = await this.unitRow(e.unitcode, d.finishedAt);
    row.events++;
    row.dossiers_finished++;
    if (d.timeliness === 'EARLY') row.early++;
    else if (d.timeliness === 'ON_TIME') row.on_time++;
    else {
      row.late++;
      if (d.apologyIssued) row.late_with_apology++;
      else row.late_without_apology++;
    }
    if (d.sameDay) {
      row.same_day_finished++;
      if (toLocalDate(d.finishedAt) === toLocalDate(d.receivedAt)) row.same_day_on_time++;
    }
    if (d.wasOverdue) row.open_overdue_delta--;
    await this.units.save(row);
  }

  async onDossierOverdue(e: DomainEvent<any>) {
    const row = await this.unitRow(e.unitcode, e.data.at);
    row.events++;
    row.open_overdue_delta++;
    await this.units.save(row);
  }

  async onApologyIssued(e: DomainEvent<any>) {
    const row = await this.unitRow(e.unitcode, e.data.at);
    row.events++;
    row.apologies_issued++;
    await this.units.save(row);
  }

  async onSurveyResponse(e: DomainEvent<any>) {
    const d = e.data;
    const row = await this.unitRow(e.unitcode, d.submittedAt);
    row.events++;
    row.survey_responses++;
    for (const s of d.elementScores) {
      const k = String(s.element).toLowerCase();
      (row as any)[`${k}_satisfied`] += Math.min(s.satisfied, s.valid);
      (row as any)[`${k}_valid`] += s.valid;
    }
    if (d.stars !== undefined) (row as any)[`stars_${d.stars}`]++;
    await this.units.save(row);
    if (d.stars !== undefined && d.officerId) {
      const o = await this.officerRow(d.officerId, e.unitcode, d.submittedAt);
      (o as any)[`stars_${d.stars}`]++;
      await this.officers.save(o);
    }
  }

  async onTicketCompleted(e: DomainEvent<any>) {
    const d = e.data;
    const row = await this.unitRow(e.unitcode, d.completedAt);
    row.events++;
    row.tickets_served++;
    row.wait_seconds_sum += d.waitSeconds;
    await this.units.save(row);
    const o = await this.officerRow(d.officerId, e.unitcode, d.completedAt);
    o.tickets_served++;
    await this.officers.save(o);
  }
}

function zeros(): Partial<UnitMonthStats> {
  const z: Record<string, number> = {};
  for (const k of [
    'events',
    'dossiers_received',
    'dossiers_finished',
    'early',
    'on_time',
    'late',
    'late_with_apology',
    'late_without_apology',
    'open_overdue_delta',
    'same_day_finished',
    'same_day_on_time',
    'home_service',
    'apologies_issued',
    'survey_responses',
    'access_satisfied',
    'access_valid',
    'procedure_satisfied',
    'procedure_valid',
    'officer_satisfied',
    'officer_valid',
    'result_satisfied',
    'result_valid',
    'feedback_satisfied',
    'feedback_valid',
    'stars_1',
    'stars_2',
    'stars_3',
    'stars_4',
    'stars_5',
    'tickets_served',
    'wait_seconds_sum',
  ])
    z[k] = 0;
  return z;
}

const FINISHED = new Set(['dossier.resolved', 'dossier.withdrawn', 'dossier.stopped', 'dossier.refused']);

@Controller()
export class ProjectionController {
  constructor(private readonly projection: ProjectionService) {}

  @EventPattern(`${PREFIX}dossier.events.v1`)
  async onDossierEvent(@Payload() value: unknown) {
    const e = decode(value as object);
    if (e.type === 'dossier.received') return this.projection.onDossierReceived(e);
    if (FINISHED.has(e.type)) return this.projection.onDossierFinished(e);
    if (e.type === 'dossier.overdue') return this.projection.onDossierOverdue(e);
    if (e.type === 'dossier.apology-issued') return this.projection.onApologyIssued(e);
  }

  @EventPattern(`${PREFIX}survey.events.v1`)
  async onSurveyEvent(@Payload() value: unknown) {
    const e = decode(value as object);
    if (e.type === 'survey.response-submitted') return this.projection.onSurveyResponse(e);
  }

  @EventPattern(`${PREFIX}queue.events.v1`)
  async onQueueEvent(@Payload() value: unknown) {
    const e = decode(value as object);
    if (e.type === 'ticket.completed') return this.projection.onTicketCompleted(e);
  }
}

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: process.env.DATABASE_URL,
      entities: [UnitMonthStats, OfficerMonthStats],
      synchronize: true,
      logging: false,
    }),
    TypeOrmModule.forFeature([UnitMonthStats, OfficerMonthStats]),
  ],
  controllers: [ProjectionController],
  providers: [ProjectionService],
})
class BaselineModule {}

async function main() {
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(BaselineModule, {
    logger: ['error', 'warn'],
    transport: Transport.KAFKA,
    options: {
      client: {
        clientId: 'fg-bench-baseline',
        brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
        // The bench's own principal (inherited from the harness), as its other clients use: the local broker
        // requires SASL since issue #16, and without it the baseline was refused.
        sasl: benchSasl(),
      },
      consumer: { groupId: process.env.BASELINE_GROUP ?? `${PREFIX}baseline` },
      postfixId: '',
      subscribe: { fromBeginning: true },
      run: { autoCommit: true },
    },
  });
  app.enableShutdownHooks();
  await app.listen();
  console.log('baseline listening');
}

void main();
