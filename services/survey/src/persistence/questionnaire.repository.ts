import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Question, Questionnaire, QuestionnaireKind } from '../domain';

interface QuestionnaireRow {
  id: string;
  version: number;
  unit_code: string | null;
  kind: QuestionnaireKind;
  status: Questionnaire['status'];
  title: string;
  description: string | null;
  questions: Question[];
  published_at: Date | null;
  retired_at: Date | null;
}

const toQuestionnaire = (r: QuestionnaireRow): Questionnaire => ({
  id: r.id,
  version: r.version,
  unitCode: r.unit_code,
  kind: r.kind,
  status: r.status,
  title: r.title,
  ...(r.description !== null ? { description: r.description } : {}),
  questions: r.questions,
  ...(r.published_at ? { publishedAt: r.published_at } : {}),
  ...(r.retired_at ? { retiredAt: r.retired_at } : {}),
});

/** Questionnaire versions; `(id, version)` is the key, and a stored PUBLISHED or RETIRED row is never rewritten except to retire it. */
@Injectable()
export class QuestionnaireRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every version of a family, oldest first; `lock` serializes concurrent edits of the same family. */
  async versions(
    id: string,
    manager: EntityManager = this.ds.manager,
    lock = false,
  ): Promise<Questionnaire[]> {
    const rows: QuestionnaireRow[] = await manager.query(
      `SELECT * FROM questionnaires WHERE id = $1 ORDER BY version${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows.map(toQuestionnaire);
  }

  async version(
    id: string,
    version: number,
    manager: EntityManager = this.ds.manager,
  ): Promise<Questionnaire | null> {
    const rows: QuestionnaireRow[] = await manager.query(
      'SELECT * FROM questionnaires WHERE id = $1 AND version = $2',
      [id, version],
    );
    return rows[0] ? toQuestionnaire(rows[0]) : null;
  }

  async insert(q: Questionnaire, createdBy: string, manager: EntityManager): Promise<void> {
    await manager.query(
      /* sql */ `INSERT INTO questionnaires (id, version, unit_code, kind, status, title, description, questions, created_by, published_at, retired_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        q.id,
        q.version,
        q.unitCode,
        q.kind,
        q.status,
        q.title,
        q.description ?? null,
        JSON.stringify(q.questions),
        createdBy,
        q.publishedAt ?? null,
        q.retiredAt ?? null,
      ],
    );
  }

  async update(q: Questionnaire, manager: EntityManager): Promise<void> {
    await manager.query(
      /* sql */ `UPDATE questionnaires SET status = $3, title = $4, description = $5, questions = $6, published_at = $7,
          retired_at = $8, updated_at = now() WHERE id = $1 AND version = $2`,
      [
        q.id,
        q.version,
        q.status,
        q.title,
        q.description ?? null,
        JSON.stringify(q.questions),
        q.publishedAt ?? null,
        q.retiredAt ?? null,
      ],
    );
  }

  /**
   * The questionnaire of `kind` a unit should use now: the latest PUBLISHED one of the nearest unit in
   * `unitChain` (the unit first, then its ancestors), else a global one.
   */
  async publishedFor(
    kind: QuestionnaireKind,
    unitChain: string[],
    manager: EntityManager = this.ds.manager,
  ): Promise<Questionnaire | null> {
    const rows: QuestionnaireRow[] = await manager.query(
      /* sql */ `SELECT * FROM questionnaires
        WHERE status = 'PUBLISHED' AND kind = $1 AND (unit_code IS NULL OR unit_code = ANY($2))
        ORDER BY array_position($2, unit_code) NULLS LAST, published_at DESC LIMIT 1`,
      [kind, unitChain],
    );
    return rows[0] ? toQuestionnaire(rows[0]) : null;
  }
}
