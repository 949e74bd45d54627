import { toLocalDate } from '@fg/kernel';
import type { OfficeContext } from './context';
import { answerInvitation } from './survey-answers';
import { expectedTimeliness, localTimeDaysAgo } from './vietnam-clock';

const NAMES = [
  'Nguyễn Văn An',
  'Trần Thị Bình',
  'Lê Hoàng Cường',
  'Phạm Thị Dung',
  'Hoàng Văn Em',
  'Vũ Thị Giang',
  'Đặng Quốc Huy',
  'Bùi Thị Lan',
];

type Target = 'EARLY' | 'ON_TIME' | 'LATE';

/**
 * One dossier from intake to result. Transition APIs act "now", so the simulator reaches a realistic mix
 * by choosing when the dossier was received: recently for most (early), so that today is the due date
 * for some (on time), and weeks ago for a few (late; most of those get an apology letter first).
 */
export async function receiveDossier(
  ctx: OfficeContext,
  o: { channel: string; ticketId?: string; maxDaysAgo?: number },
): Promise<string> {
  const { rng, unitCode, truth } = ctx;
  const now = new Date();
  const target: Target =
    o.ticketId || o.channel === 'ONLINE'
      ? 'EARLY'
      : rng.weighted([
          ['EARLY', 84],
          ['ON_TIME', 7],
          ['LATE', 9],
        ] as [Target, number][]);
  const { procedure, receivedAt } = await chooseReceipt(ctx, target, o.maxDaysAgo ?? 12, now);
  const body = {
    externalId: `sim-${ctx.runId}-${unitCode}-${++ctx.dossierSeq}`,
    procedureCode: procedure.code,
    unitCode,
    channel: o.channel,
    ...(o.channel === 'ONLINE' ? {} : { receivedAt: receivedAt.toISOString() }),
    applicant: {
      fullName: rng.pick(NAMES),
      phone: `09${rng.int(10000000, 99999999)}`,
      // Derived from the sequence, not drawn, so the seeded runs stay what they were.
      idNumber: `0791${String(ctx.dossierSeq).padStart(8, '0')}`,
      email: `cong.dan.${ctx.dossierSeq}@example.vn`,
      // Half the applicants agree to notifications: their contact then travels sealed for notify (issue #18).
      contactConsent: ctx.dossierSeq % 2 === 0,
    },
    ...(o.ticketId ? { ticketId: o.ticketId } : {}),
  };
  const created = await (o.ticketId ? ctx.clerk : ctx.portal)('dossier', 'POST', '/api/v1/dossiers', body);
  truth.dossiersReceived++;
  const id: string = created.data.id;
  const act = (action: string, payload: object = {}) =>
    ctx.clerk('dossier', 'POST', `/api/v1/dossiers/${id}/${action}`, payload);
  if (o.channel === 'ONLINE') await act('accept');

  const fate = rng.weighted([
    ['RESOLVE', 88],
    ['OPEN', 7],
    ['WITHDRAW', 3],
    ['REFUSE', 2],
  ] as [string, number][]);
  if (fate === 'OPEN') return id;
  if (fate === 'REFUSE') {
    await act('refuse', {
      reasonCode: 'NOT_IN_COMPETENCE',
      note: 'Hồ sơ không thuộc thẩm quyền giải quyết của UBND cấp xã',
    });
    return finish(ctx, id, await current(ctx, id), false);
  }
  await act('start');
  if (rng.chance(0.06)) {
    // Notes like this one (name, spaced phone and ID numbers, address) reached the bus before issue #16 row 5.
    await act('request-supplement', {
      reasonCode: 'UNCERTIFIED_COPY',
      note: `Bổ sung bản sao GCN kết hôn của cha mẹ; liên hệ ${body.applicant.fullName} +84 ${body.applicant.phone.slice(1, 4)} ${body.applicant.phone.slice(4, 7)} ${body.applicant.phone.slice(7)}, CCCD ${body.applicant.idNumber}, ${body.applicant.email}, 12 Lê Lợi`,
    });
    await act('supplement-received');
    truth.supplementRequests++;
  }
  let dossier = await current(ctx, id);
  let apologised = false;
  if (
    fate !== 'WITHDRAW' &&
    expectedTimeliness(new Date(), new Date(dossier.dueAt)) === 'LATE' &&
    rng.chance(0.7)
  ) {
    const newDueAt = await nextWorkingAppointment(ctx);
    await ctx.clerk('dossier', 'POST', `/api/v1/dossiers/${id}/apology`, {
      reason: 'Cần xác minh thêm thông tin với cơ quan có liên quan',
      newDueAt,
      signer: 'Chủ tịch UBND xã',
    });
    truth.apologies++;
    apologised = true;
  }
  if (fate === 'WITHDRAW') {
    await act('withdraw', { reasonCode: 'CITIZEN_REQUEST', note: 'Công dân xin rút hồ sơ' });
    return finish(ctx, id, await current(ctx, id), false);
  }
  await act('resolve', { outcome: 'APPROVED' });
  dossier = await current(ctx, id);
  finish(ctx, id, dossier, apologised);
  if (rng.chance(0.9)) {
    await act('return-result');
    if (rng.chance(0.5)) await answerSipas(ctx, id);
  }
  return id;
}

async function current(ctx: OfficeContext, id: string) {
  return (await ctx.clerk('dossier', 'GET', `/api/v1/dossiers/${id}`)).data;
}

/**
 * Tallies a finished dossier by the rule in docs/domain.md §Timeliness, independently of what the service
 * computed.
 */
function finish(ctx: OfficeContext, id: string, d: any, apologised: boolean): string {
  if (!d.dueAt || !d.finishedAt) return id; // refused before acceptance: no clock ever ran
  const t = expectedTimeliness(new Date(d.finishedAt), new Date(d.dueAt));
  ctx.truth.finished++;
  if (t === 'EARLY') ctx.truth.early++;
  else if (t === 'ON_TIME') ctx.truth.onTime++;
  else {
    ctx.truth.late++;
    if (!apologised) ctx.truth.lateWithoutApology++;
  }
  return id;
}

async function chooseReceipt(ctx: OfficeContext, target: Target, maxDaysAgo: number, now: Date) {
  const { rng } = ctx;
  const dayProcedures = ctx.procedures.filter(
    (p) => p.processing.unit === 'WORKING_DAYS' && p.processing.amount <= 10,
  );
  if (target === 'EARLY') {
    const procedure = rng.pick(dayProcedures.length ? dayProcedures : ctx.procedures);
    return { procedure, receivedAt: new Date(now.getTime() - rng.int(0, 3600) * 1000) };
  }
  for (let attempt = 0; attempt < 8; attempt++) {
    const procedure = rng.pick(dayProcedures);
    const daysAgo =
      target === 'LATE'
        ? rng.int(
            procedure.processing.amount * 2 + 4,
            Math.max(procedure.processing.amount * 2 + 4, maxDaysAgo + 14),
          )
        : rng.int(1, procedure.processing.amount * 2 + 4);
    const receivedAt = localTimeDaysAgo(now, daysAgo, rng.int(8, 10), rng.pick([0, 15, 30, 45]));
    const { data } = await ctx.portal('dossier', 'POST', '/api/v1/calendar/due-date', {
      unitCode: ctx.unitCode,
      receivedAt: receivedAt.toISOString(),
      amount: procedure.processing.amount,
      unit: procedure.processing.unit,
    });
    const due = toLocalDate(data.dueAt);
    const today = toLocalDate(now);
    if (
      (target === 'LATE' && due < today) ||
      (target === 'ON_TIME' && due === today && new Date(data.dueAt) > now)
    )
      return { procedure, receivedAt };
  }
  return chooseReceipt(ctx, 'EARLY', maxDaysAgo, now);
}

/** The new appointment of an apology: one working day from now, a valid working time by construction. */
async function nextWorkingAppointment(ctx: OfficeContext): Promise<string> {
  const { data } = await ctx.portal('dossier', 'POST', '/api/v1/calendar/due-date', {
    unitCode: ctx.unitCode,
    receivedAt: new Date().toISOString(),
    amount: 2,
    unit: 'WORKING_DAYS',
  });
  return data.dueAt;
}

/** After the result is returned, the citizen gets the SIPAS link (QR on the receipt) and may answer. */
async function answerSipas(ctx: OfficeContext, dossierId: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await ctx.clerk(
      'survey',
      'GET',
      `/api/v1/units/${ctx.unitCode}/dossiers/${dossierId}/invitation`,
      undefined,
      { allow: [404] },
    );
    if (res.status === 200 && res.data?.token) {
      if (await answerInvitation(ctx, res.data.token, res.data.officerId)) ctx.truth.sipasResponses++;
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SIPAS invitation appeared for dossier ${dossierId}`);
}
