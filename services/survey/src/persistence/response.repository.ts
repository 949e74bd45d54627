import { Injectable } from '@nestjs/common';
import { SurveyChannel } from '@fg/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AnswerValue } from '../domain';

export interface ResponseRecord {
  id: string;
  invitationId?: string;
  surveyId: string;
  version: number;
  channel: SurveyChannel;
  unitCode: string;
  officerId?: string;
  counterNo?: string;
  ticketId?: string;
  dossierId?: string;
  deviceId?: string;
  enteredBy?: string;
  submittedAt: Date;
  localDay: string;
  /** Answers except free text (that goes to response_comments). */
  answers: Record<string, AnswerValue>;
  stars: number | null;
  satisfied: boolean | null;
  decree61Total: number | null;
}

export interface CommentRow {
  responseId: string;
  questionCode: string;
  text: string;
  unitCode: string;
  channel: SurveyChannel;
  officerId: string | null;
  surveyId: string;
  version: number;
  submittedAt: Date;
}

@Injectable()
export class ResponseRepository {
  constructor(private readonly ds: DataSource) {}

  /** The unique `invitation_id` makes a second response to one invitation fail here (23505) even if a check was raced. */
  async insert(r: ResponseRecord, comments: Record<string, string>, manager: EntityManager): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO responses (id, invitation_id, survey_id, version, channel, unit_code, officer_id, counter_no, ticket_id,
          dossier_id, device_id, entered_by, submitted_at, local_day, answers, stars, satisfied, decree61_total)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        r.id,
        r.invitationId ?? null,
        r.surveyId,
        r.version,
        r.channel,
        r.unitCode,
        r.officerId ?? null,
        r.counterNo ?? null,
        r.ticketId ?? null,
        r.dossierId ?? null,
        r.deviceId ?? null,
        r.enteredBy ?? null,
        r.submittedAt,
        r.localDay,
        JSON.stringify(r.answers),
        r.stars,
        r.satisfied,
        r.decree61Total,
      ],
    );
    const codes = Object.keys(comments);
    if (!codes.length) return;
    await manager.query(
      /* sql */ `INSERT INTO response_comments (response_id, question_code, text, unit_code, channel, officer_id, survey_id, version, submitted_at, local_day)
        SELECT $1, q, t, $4, $5, $6, $7, $8, $9, $10 FROM unnest($2::text[], $3::text[]) AS c(q, t)`,
      [
        r.id,
        codes,
        codes.map((c) => comments[c]),
        r.unitCode,
        r.channel,
        r.officerId ?? null,
        r.surveyId,
        r.version,
        r.submittedAt,
        r.localDay,
      ],
    );
  }

  async count(where: { invitationId?: string } = {}): Promise<number> {
    const rows = where.invitationId
      ? await this.ds.query<{ n: number }[]>(
          'SELECT count(*)::int AS n FROM responses WHERE invitation_id = $1',
          [where.invitationId],
        )
      : await this.ds.query<{ n: number }[]>('SELECT count(*)::int AS n FROM responses');
    return rows[0].n;
  }

  /** Newest first. */
  async comments(f: {
    units: string[];
    from: string;
    to: string;
    limit: number;
    offset: number;
  }): Promise<[CommentRow[], number]> {
    const params = [f.units, f.from, f.to];
    const where = 'unit_code = ANY($1) AND local_day BETWEEN $2 AND $3';
    const rows: CommentRow[] = await this.ds.query(
      /* sql */ `SELECT response_id AS "responseId", question_code AS "questionCode", text, unit_code AS "unitCode", channel,
          officer_id AS "officerId", survey_id AS "surveyId", version, submitted_at AS "submittedAt"
        FROM response_comments WHERE ${where} ORDER BY submitted_at DESC, response_id, question_code LIMIT $4 OFFSET $5`,
      [...params, f.limit, f.offset],
    );
    const total = await this.ds.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM response_comments WHERE ${where}`,
      params,
    );
    return [rows, total[0].n];
  }
}
