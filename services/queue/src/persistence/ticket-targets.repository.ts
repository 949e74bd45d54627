import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TICKET_COLUMNS, TicketRow } from './ticket.row';

/** Reads behind the counter console's actions (issue #17): parked tickets and transfer targets. */
@Injectable()
export class TicketTargetsRepository {
  constructor(private readonly ds: DataSource) {}

  /** The counter's parked tickets of the local day, oldest parking first. */
  parkedAt(unitCode: string, counterNo: string, localDay: string): Promise<TicketRow[]> {
    return this.ds.query(
      /* sql */ `SELECT ${TICKET_COLUMNS} FROM tickets
        WHERE unit_code = $1 AND counter_no = $2 AND status = 'PARKED' AND local_day = $3
        ORDER BY parked_at, id`,
      [unitCode, counterNo, localDay],
    );
  }

  /**
   * Where an officer stands for a transfer to him: the units he has been on duty in (`unit_officers`) and the
   * counters of `unitCode` he is on duty at now (OPEN or PAUSED).
   */
  async officer(
    unitCode: string,
    officerId: string,
  ): Promise<{ units: string[]; onDutyAt: { counterNo: string; status: string }[] }> {
    const [units, counters] = await Promise.all([
      this.ds.query<{ unitCode: string }[]>(
        /* sql */ `SELECT unit_code AS "unitCode" FROM unit_officers WHERE officer_id = $1`,
        [officerId],
      ),
      this.ds.query<{ counterNo: string; status: string }[]>(
        /* sql */ `SELECT counter_no AS "counterNo", status FROM counters
          WHERE unit_code = $1 AND officer_id = $2 AND status <> 'CLOSED' ORDER BY counter_no`,
        [unitCode, officerId],
      ),
    ]);
    return { units: units.map((u) => u.unitCode), onDutyAt: counters };
  }
}
