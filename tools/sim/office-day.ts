import { pace, type OfficeContext } from './context';
import { answerInvitation } from './survey-answers';
import { COUNTERS, SERVICE_QUEUES } from './office-setup';
import { receiveDossier } from './dossier-life';

const PRIORITIES: [string, number][] = [
  ['NONE', 82],
  ['ELDERLY', 9],
  ['DISABLED', 3],
  ['PREGNANT', 3],
  ['CHILD', 2],
  ['VETERAN', 1],
];

/**
 * One morning at a commune office, in real time (ticket APIs take no clock: a kiosk cannot backdate a
 * ticket): a peak of tickets, counters opening (one pauses for a meeting), officers calling until the
 * queue is empty, some no-shows, dossiers handed in at the counter, and star ratings on the tablet.
 */
export async function simulateOfficeDay(
  ctx: OfficeContext,
  dayIndex: number,
  dossiersToday: number,
): Promise<void> {
  const { rng, unitCode, truth } = ctx;
  for (const c of COUNTERS) {
    await ctx.officers[c.counterNo](
      'queue',
      'POST',
      `/api/v1/units/${unitCode}/counters/${c.counterNo}/open`,
      { officerId: officerIdOf(ctx, c.counterNo) },
    );
  }
  const tickets = rng.int(4, 9) + (dayIndex % 5 === 4 ? 4 : 0); // "Fast Friday" brings more people
  for (let i = 0; i < tickets; i++) {
    const service = rng.weighted(SERVICE_QUEUES.map((s, k) => [s.code, [6, 3, 1][k]] as [string, number]));
    await ctx.kiosk('queue', 'POST', `/api/v1/units/${unitCode}/tickets`, {
      serviceCode: service,
      priority: rng.weighted(PRIORITIES),
      // Every third citizen leaves a phone for "your turn is near" (issue #18); derived, not drawn, so the
      // seeded runs stay what they were.
      ...(i % 3 === 0 ? { phone: `0912${String((dayIndex * 100 + i) % 1_000_000).padStart(6, '0')}` } : {}),
    });
    truth.ticketsIssued++;
    await pace(ctx, rng.int(20, 120));
  }
  const meetingCounter = rng.chance(0.3) ? rng.pick(COUNTERS).counterNo : null;
  let dossiersLeft = dossiersToday;
  for (let idle = 0; idle < COUNTERS.length;) {
    idle = 0;
    for (const c of COUNTERS) {
      const officer = ctx.officers[c.counterNo];
      const base = `/api/v1/units/${unitCode}/counters/${c.counterNo}`;
      if (c.counterNo === meetingCounter) {
        // A code for the bus, and a note of the kind officers type (issue #16 row 5: it stays in the queue DB).
        await officer('queue', 'POST', `${base}/pause`, {
          reasonCode: 'MEETING',
          note: 'Họp giao ban đầu tuần, báo chị Lan 0912 345 678',
        });
        await officer('queue', 'POST', `${base}/resume`, {});
      }
      const call = await officer('queue', 'POST', `${base}/call-next`, {});
      if (call.status === 204) {
        idle++;
        continue;
      }
      const ticket = call.data.ticket;
      if (rng.chance(0.06)) {
        await officer('queue', 'POST', `/api/v1/tickets/${ticket.id}/recall`, {});
        await officer('queue', 'POST', `/api/v1/tickets/${ticket.id}/no-show`, {});
        truth.noShows++;
        continue;
      }
      await officer('queue', 'POST', `/api/v1/tickets/${ticket.id}/start`, {});
      await pace(ctx, rng.int(120, 900));
      let dossierId: string | undefined;
      if (dossiersLeft > 0 && rng.chance(0.7)) {
        dossiersLeft--;
        dossierId = await receiveDossier(ctx, { channel: 'COUNTER', ticketId: ticket.id });
      }
      await officer('queue', 'POST', `/api/v1/tickets/${ticket.id}/complete`, dossierId ? { dossierId } : {});
      truth.ticketsServed++;
      await rateOnTablet(ctx, c.counterNo, ticket.id);
    }
  }
  for (const c of COUNTERS)
    await ctx.officers[c.counterNo](
      'queue',
      'POST',
      `/api/v1/units/${unitCode}/counters/${c.counterNo}/close`,
      {},
    );
  // Dossiers that did not come through the counter: online, by post, at home.
  for (; dossiersLeft > 0; dossiersLeft--) {
    const channel = rng.weighted([
      ['ONLINE', 70],
      ['POSTAL', 15],
      ['HOME', 15],
    ] as [string, number][]);
    await receiveDossier(ctx, { channel, maxDaysAgo: Math.max(dayIndex, 12) });
  }
}

const officerIdOf = (ctx: OfficeContext, counterNo: string) => `can-bo-${ctx.unitCode}-${counterNo}`;

/** The tablet at the counter shows the invitation for the citizen just served; most answer. */
async function rateOnTablet(ctx: OfficeContext, counterNo: string, ticketId: string): Promise<void> {
  if (!ctx.rng.chance(0.8)) return;
  const path = `/api/v1/units/${ctx.unitCode}/counters/${counterNo}/pending-invitation`;
  // The invitation is created from ticket.completed: wait for the event to arrive.
  for (let attempt = 0; attempt < 100; attempt++) {
    const res = await ctx.kiosk('survey', 'GET', path, undefined, { allow: [204, 404] });
    if (res.status === 200 && res.data?.token && res.data.ticketId === ticketId) {
      if (await answerInvitation(ctx, res.data.token, officerIdOf(ctx, counterNo)))
        ctx.truth.tabletResponses++;
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tablet invitation appeared at ${ctx.unitCode} counter ${counterNo}`);
}
