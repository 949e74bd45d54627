import { Injectable } from '@nestjs/common';
import type { MessageKind } from '@fg/contracts';
import type { EntityManager } from 'typeorm';
import { DEFAULT_UNIT_SETTINGS, UnitSettings } from '../domain';

@Injectable()
export class SettingsRepository {
  /** The unit's settings, or the defaults when it has none. */
  async get(unitCode: string, m: EntityManager): Promise<UnitSettings> {
    const rows: Record<string, unknown>[] = await m.query(
      'SELECT * FROM unit_settings WHERE unit_code = $1',
      [unitCode],
    );
    const r = rows[0];
    if (!r) return DEFAULT_UNIT_SETTINGS;
    return {
      disabledKinds: r.disabled_kinds as MessageKind[],
      turnNearPosition: r.turn_near_position as number,
      turnNearMinutes: r.turn_near_minutes as number,
      minutesPerCitizen: r.minutes_per_citizen as number,
      dailyCap: r.daily_cap as number,
      opensAtMinute: r.opens_at_minute as number,
      closesAtMinute: r.closes_at_minute as number,
      supplementDays: r.supplement_days as number,
    };
  }

  /** The unit's public name from the local unit registry (its code when unknown). */
  async unitName(code: string, m: EntityManager): Promise<string> {
    const rows: { name: string }[] = await m.query('SELECT name FROM units WHERE code = $1', [code]);
    return rows[0]?.name ?? code;
  }

  async put(unitCode: string, s: UnitSettings, actor: string, m: EntityManager): Promise<void> {
    await m.query(
      /* sql */ `INSERT INTO unit_settings (unit_code, disabled_kinds, turn_near_position, turn_near_minutes,
          minutes_per_citizen, daily_cap, opens_at_minute, closes_at_minute, supplement_days, updated_by)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
        ON CONFLICT (unit_code) DO UPDATE SET disabled_kinds = $2, turn_near_position = $3, turn_near_minutes = $4,
          minutes_per_citizen = $5, daily_cap = $6, opens_at_minute = $7, closes_at_minute = $8,
          supplement_days = $9, updated_by = $10, updated_at = now()`,
      [
        unitCode,
        s.disabledKinds,
        s.turnNearPosition,
        s.turnNearMinutes,
        s.minutesPerCitizen,
        s.dailyCap,
        s.opensAtMinute,
        s.closesAtMinute,
        s.supplementDays,
        actor,
      ],
    );
  }
}
