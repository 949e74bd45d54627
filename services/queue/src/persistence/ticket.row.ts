import type { Priority, Ticket, TicketStatus } from '../domain';

/** A `tickets` row as read with `TICKET_COLUMNS` (camelCase aliases). */
export interface TicketRow {
  id: string;
  unitCode: string;
  serviceCode: string;
  issuedServiceCode: string;
  number: string;
  priority: Priority;
  status: TicketStatus;
  localDay: string;
  issuedAt: Date;
  transferCount: number;
  firstCalledAt: Date | null;
  counterNo: string | null;
  officerId: string | null;
  calledAt: Date | null;
  recallCount: number | null;
  callReason: string | null;
  servingStartedAt: Date | null;
  completedAt: Date | null;
  dossierId: string | null;
  waitSeconds: number | null;
  serviceSeconds: number | null;
  noShowAt: Date | null;
  cancelledAt: Date | null;
  cancelReason: string | null;
  targetCounterNo: string | null;
  targetOfficerId: string | null;
  transferReasonCode: string | null;
  outOfOrderReasonCode: string | null;
  parkedAt: Date | null;
  parkReasonCode: string | null;
}

export const TICKET_COLUMNS = /* sql */ `id, unit_code AS "unitCode", service_code AS "serviceCode",
  issued_service_code AS "issuedServiceCode", number, priority, status, to_char(local_day, 'YYYY-MM-DD') AS "localDay",
  issued_at AS "issuedAt", transfer_count AS "transferCount", first_called_at AS "firstCalledAt",
  counter_no AS "counterNo", officer_id AS "officerId", called_at AS "calledAt", recall_count AS "recallCount",
  call_reason AS "callReason", serving_started_at AS "servingStartedAt", completed_at AS "completedAt",
  dossier_id AS "dossierId", wait_seconds AS "waitSeconds", service_seconds AS "serviceSeconds",
  no_show_at AS "noShowAt", cancelled_at AS "cancelledAt", cancel_reason AS "cancelReason",
  target_counter_no AS "targetCounterNo", target_officer_id AS "targetOfficerId",
  transfer_reason_code AS "transferReasonCode", out_of_order_reason_code AS "outOfOrderReasonCode",
  parked_at AS "parkedAt", park_reason_code AS "parkReasonCode"`;

const opt = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

/** Row → the domain's status union. Columns a status does not use are simply not read. */
export const toTicket = (r: TicketRow): Ticket => {
  const base = {
    id: r.id,
    unitCode: r.unitCode,
    serviceCode: r.serviceCode,
    number: r.number,
    priority: r.priority,
    issuedAt: r.issuedAt,
    transferCount: r.transferCount,
    firstCalledAt: opt(r.firstCalledAt),
  };
  const atCounter = () => ({
    counterNo: r.counterNo!,
    officerId: r.officerId!,
    calledAt: r.calledAt!,
    firstCalledAt: r.firstCalledAt!,
    recallCount: r.recallCount ?? 0,
    ...(r.outOfOrderReasonCode ? { outOfOrderReasonCode: r.outOfOrderReasonCode } : {}),
  });
  switch (r.status) {
    case 'WAITING':
      return {
        ...base,
        status: 'WAITING',
        ...(r.targetCounterNo ? { targetCounterNo: r.targetCounterNo } : {}),
        ...(r.targetOfficerId ? { targetOfficerId: r.targetOfficerId } : {}),
        ...(r.transferReasonCode ? { transferReasonCode: r.transferReasonCode } : {}),
      };
    case 'CALLED':
      return { ...base, ...atCounter(), status: 'CALLED' };
    case 'SERVING':
      return { ...base, ...atCounter(), status: 'SERVING', servingStartedAt: r.servingStartedAt! };
    case 'DONE':
      return {
        ...base,
        ...atCounter(),
        status: 'DONE',
        servingStartedAt: r.servingStartedAt!,
        completedAt: r.completedAt!,
        dossierId: opt(r.dossierId),
        waitSeconds: r.waitSeconds ?? 0,
        serviceSeconds: r.serviceSeconds ?? 0,
      };
    case 'NO_SHOW':
      return { ...base, ...atCounter(), status: 'NO_SHOW', noShowAt: r.noShowAt! };
    case 'CANCELLED':
      return { ...base, status: 'CANCELLED', cancelledAt: r.cancelledAt!, cancelReason: opt(r.cancelReason) };
    case 'PARKED':
      return {
        ...base,
        ...atCounter(),
        status: 'PARKED',
        parkedAt: r.parkedAt!,
        parkReasonCode: r.parkReasonCode ?? 'OTHER',
      };
  }
};

/** Domain state → the mutable columns (everything but id, unit, issuing service, number, day). */
export const ticketColumns = (t: Ticket) => {
  const any = t as unknown as Record<string, unknown>;
  const val = (k: string) => (any[k] === undefined ? null : any[k]);
  return {
    service_code: t.serviceCode,
    status: t.status,
    transfer_count: t.transferCount,
    first_called_at: val('firstCalledAt'),
    counter_no: val('counterNo'),
    officer_id: val('officerId'),
    called_at: val('calledAt'),
    recall_count: val('recallCount'),
    serving_started_at: val('servingStartedAt'),
    completed_at: val('completedAt'),
    dossier_id: val('dossierId'),
    wait_seconds: val('waitSeconds'),
    service_seconds: val('serviceSeconds'),
    no_show_at: val('noShowAt'),
    cancelled_at: val('cancelledAt'),
    cancel_reason: val('cancelReason'),
    target_counter_no: val('targetCounterNo'),
    target_officer_id: val('targetOfficerId'),
    transfer_reason_code: val('transferReasonCode'),
    out_of_order_reason_code: val('outOfOrderReasonCode'),
    parked_at: val('parkedAt'),
    park_reason_code: val('parkReasonCode'),
  };
};
