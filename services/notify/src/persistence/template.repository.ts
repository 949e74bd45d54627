import { Injectable } from '@nestjs/common';
import type { MessageChannel, MessageKind } from '@fg/contracts';
import type { EntityManager } from 'typeorm';
import type { Template } from '../domain';

const toTemplate = (r: Record<string, unknown>): Template => ({
  kind: r.kind as MessageKind,
  channel: r.channel as MessageChannel,
  unitCode: r.unit_code === '' ? null : (r.unit_code as string),
  version: r.version as number,
  subject: r.subject as string | null,
  body: r.body as string,
  smsAscii: r.sms_ascii as boolean,
});

@Injectable()
export class TemplateRepository {
  /** The template a unit uses: its own newest version, else the national newest. */
  async current(
    kind: MessageKind,
    channel: MessageChannel,
    unitCode: string,
    m: EntityManager,
  ): Promise<Template | null> {
    const rows: Record<string, unknown>[] = await m.query(
      /* sql */ `SELECT * FROM templates WHERE kind = $1 AND channel = $2 AND unit_code IN ($3, '')
        ORDER BY (unit_code = '') ASC, version DESC LIMIT 1`,
      [kind, channel, unitCode],
    );
    return rows[0] ? toTemplate(rows[0]) : null;
  }

  /** Every version of the unit's own and the national templates, newest first. */
  async list(unitCode: string, m: EntityManager): Promise<Template[]> {
    const rows: Record<string, unknown>[] = await m.query(
      /* sql */ `SELECT * FROM templates WHERE unit_code IN ($1, '') ORDER BY kind, channel, unit_code DESC, version DESC`,
      [unitCode],
    );
    return rows.map(toTemplate);
  }

  /** Saves the next version of the unit's template of this kind and channel; returns it. */
  async addVersion(t: Omit<Template, 'version'>, actor: string, m: EntityManager): Promise<Template> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `template:${t.unitCode}:${t.kind}:${t.channel}`,
    ]);
    const rows: Record<string, unknown>[] = await m.query(
      /* sql */ `INSERT INTO templates (kind, channel, unit_code, version, subject, body, sms_ascii, created_by)
        SELECT $1, $2, $3, COALESCE(max(version), 0) + 1, $4, $5, $6, $7
        FROM templates WHERE kind = $1 AND channel = $2 AND unit_code = $3
        RETURNING *`,
      [t.kind, t.channel, t.unitCode ?? '', t.subject, t.body, t.smsAscii, actor],
    );
    return toTemplate(rows[0]);
  }
}
