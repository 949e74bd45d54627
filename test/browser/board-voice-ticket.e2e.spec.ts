import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createEvent, DossierReceived, DossierResolved, type EventDefinition, Topics } from '@fg/contracts';
import { toLocalDate } from '@fg/kernel';
import { bearer, produceRaw, tokenFor, waitFor } from '@fg/platform/testing';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import {
  counterAction,
  issue,
  QueueKit,
  setUpOffice,
  startQueue,
  ticketAction,
  UNIT,
} from '../../services/queue/src/testing/queue-test-kit';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/**
 * Issue #17 items 3-5 in headless Chromium against the queue service and the real broker: the board's dossier
 * panel (figures equal to the board API's, updated live), the spoken calls (two calls arriving together play
 * chime + clips of the first, then of the second, never two sounds at once), and the citizen's ticket page
 * reached from the kiosk slip's QR (number, people ahead, then "Mời Quý khách đến Quầy 1", live).
 * Screenshots go to test-artifacts/screenshots/.
 */
const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');
/** A stand-in speechSynthesis with a Vietnamese voice that records what it is asked to say. */
const FAKE_VI_VOICE = `
  window.__spoken = [];
  const voice = { lang: 'vi-VN', name: 'Tiếng Việt (thử)', voiceURI: 'test-vi', localService: true, default: true };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => [voice],
    speak: (u) => { window.__spoken.push(u.text); setTimeout(() => u.onend && u.onend(), 20); },
    cancel() {}, addEventListener() {},
  } });
`;
interface PeriodFigures {
  received: number;
  resolvedEarly: number;
  resolvedOnTime: number;
  resolvedLate: number;
  resolved: number;
  onTimeRate: number | null;
}
interface Figures {
  today: PeriodFigures & { localDay: string };
  month: PeriodFigures & { month: string };
  overdue: number;
}
const officerAt = (no: string) => bearer({ roles: ['officer'], units: [UNIT], sub: `can-bo-${no}` });

describe('board dossier panel, spoken calls and the public ticket page in headless Chromium', () => {
  let kit: QueueKit;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  async function open(url: string, viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`${url}: ${m.text()}`);
    });
    await page.goto(url);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

  /** Dossier events as the dossier service publishes them, through the broker. */
  async function publishDossiers(
    events: { id: string; type: 'received' | 'resolved'; timeliness?: string }[],
  ) {
    const now = new Date().toISOString();
    const ref = (id: string, status: string, statusCode: number) => ({
      dossierId: id,
      code: `HS-${id.slice(0, 8)}`,
      procedureCode: 'HT-KHAI-SINH',
      status,
      statusCode,
      at: now,
    });
    const due = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const envelopes = events.map((e) =>
      e.type === 'received'
        ? createEvent(
            DossierReceived as EventDefinition<object>,
            {
              ...ref(e.id, 'RECEIVED', 2),
              channel: 'COUNTER',
              receivedAt: now,
              dueAt: due,
              calendarVersion: '2026-abc',
              processingUnit: 'WORKING_DAYS',
              processingAmount: 3,
              sameDay: false,
            },
            { source: 'dossier', subject: e.id, unitcode: UNIT },
          )
        : createEvent(
            DossierResolved as EventDefinition<object>,
            {
              ...ref(e.id, 'RESOLVED', 9),
              channel: 'COUNTER',
              receivedAt: now,
              finishedAt: now,
              dueAt: due,
              timeliness: e.timeliness,
              workingDaysUsed: 0.5,
              sameDay: false,
              apologyIssued: false,
              wasOverdue: false,
              calendarVersion: '2026-abc',
              outcome: 'APPROVED',
            },
            { source: 'dossier', subject: e.id, unitcode: UNIT },
          ),
    );
    await produceRaw(
      `${kit.env.topicPrefix}${Topics.DOSSIER}`,
      envelopes.map((e) => ({ key: UNIT, value: JSON.stringify(e) })),
    );
    await waitFor(
      async () =>
        (
          await kit.db.query<{ n: number }[]>(
            'SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)',
            [envelopes.map((e) => e.id)],
          )
        )[0].n === envelopes.length,
      { message: 'dossier events applied' },
    );
  }

  const boardJson = async () =>
    (await kit.http().get(`/api/v1/units/${UNIT}/board`).expect(200)).body as {
      dossiers: Figures;
    };

  /** The panel's cells as the page shows them, keyed by their data-figure. */
  const panel = (board: Page) =>
    board.evaluate<Record<string, string>>(`Object.fromEntries(
      [...document.querySelectorAll('#dossiers [data-figure]')].map((c) => [c.dataset.figure, c.textContent]),
    )`);
  /** The same cells as the API's figures would be written. */
  const expectedPanel = (d: Figures) => {
    const out: Record<string, string> = {};
    for (const period of ['today', 'month'] as const) {
      const p = d[period];
      for (const f of ['received', 'resolvedEarly', 'resolvedOnTime', 'resolvedLate'] as const)
        out[`${period}.${f}`] = String(p[f]);
      out[`${period}.onTimeRate`] =
        p.onTimeRate === null ? '—' : `${String(p.onTimeRate).replace('.', ',')}%`;
    }
    out.overdue = String(d.overdue);
    return out;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    kit = await startQueue('board_voice_ticket');
    await setUpOffice(kit, [
      { no: '1', services: ['HT'] },
      { no: '2', services: ['HT'] },
    ]);
    await kit.app.listen(0, '127.0.0.1');
    base = (await kit.app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await kit?.close();
  });

  it('shows the office’s dossier figures equal to the board API’s, live', async () => {
    const [a, b, c, d] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await publishDossiers([
      { id: a, type: 'received' },
      { id: b, type: 'received' },
      { id: c, type: 'received' },
      { id: a, type: 'resolved', timeliness: 'EARLY' },
      { id: b, type: 'resolved', timeliness: 'LATE' },
    ]);
    const board = await open(`${base}/board/${UNIT}`, { width: 1366, height: 768 });
    await board.locator('#dossiers [data-figure="month.received"]', { hasText: '3' }).waitFor();
    const first = await boardJson();
    expect(first.dossiers.today).toMatchObject({
      localDay: toLocalDate(new Date()),
      received: 3,
      onTimeRate: 50,
    });
    expect(await panel(board)).toEqual(expectedPanel(first.dossiers));
    expect(await board.locator('#dossiers-title').innerText()).toBe('Tình hình giải quyết hồ sơ');
    await board.evaluate('window.__sameDocument = true');
    await shot(board, 'board-dossiers-1366x768');

    // A dossier received and one resolved on time later: the panel follows over the board stream, no reload.
    await publishDossiers([
      { id: d, type: 'received' },
      { id: c, type: 'resolved', timeliness: 'ON_TIME' },
    ]);
    await board.locator('#dossiers [data-figure="today.resolvedOnTime"]', { hasText: '1' }).waitFor();
    const second = await boardJson();
    expect(second.dossiers.month).toMatchObject({ received: 4, resolved: 3, onTimeRate: 66.7 });
    expect(await panel(board)).toEqual(expectedPanel(second.dossiers));
    expect(await board.evaluate('window.__sameDocument')).toBe(true);
    expect(await board.locator('#dossiers [data-figure="month.onTimeRate"]').innerText()).toBe('66,7%');
  });

  it('plays chime and clips of two calls arriving together one after the other, never overlapping', async () => {
    const board = await open(`${base}/board/${UNIT}`, { width: 1366, height: 768 });
    await board.locator('.counter[data-counter-no="2"]').waitFor();
    for (const no of ['1', '2']) await counterAction(kit, no, 'open', {}, UNIT, officerAt(no)).expect(200);
    for (let i = 0; i < 2; i++) await issue(kit, { serviceCode: 'HT' }).expect(201);
    // Both calls at once: counter 1 gets A001, counter 2 A002.
    const [one, two] = await Promise.all(
      ['1', '2'].map((no) => counterAction(kit, no, 'call-next', {}, UNIT, officerAt(no)).expect(200)),
    );
    expect([one.body.ticket.number, two.body.ticket.number].sort()).toEqual(['A001', 'A002']);
    const byCounter = new Map([
      ['1', one.body.ticket.number as string],
      ['2', two.body.ticket.number as string],
    ]);
    for (const n of ['A001', 'A002']) await board.locator(`#calls li[data-number="${n}"]`).waitFor();
    const clipsOf = (number: string, counterNo: string) => [
      'chime',
      'moi_cong_dan_co_so',
      'letter_a',
      'digit_0',
      'digit_0',
      `digit_${number.slice(-1)}`,
      'den_quay_so',
      `digit_${counterNo}`,
    ];
    const played = await waitFor(
      async () => {
        const p = await board.evaluate<string[]>('window.__playedClips');
        return p.length >= 16 && p;
      },
      { message: 'both calls announced', timeoutMs: 30_000 },
    );
    // The board announces in the order the changes reached it; whichever counter came first, its call is whole
    // before the other's chime.
    const firstCounter = played[7] === 'digit_1' ? '1' : '2';
    const secondCounter = firstCounter === '1' ? '2' : '1';
    expect(played).toEqual([
      ...clipsOf(byCounter.get(firstCounter)!, firstCounter),
      ...clipsOf(byCounter.get(secondCounter)!, secondCounter),
    ]);
    expect(await board.evaluate('window.__maxSoundsPlaying')).toBe(1);
    await shot(board, 'board-spoken-calls-1366x768');

    // Muted, a third call is shown but not heard.
    await board.locator('#mute').click();
    expect(await board.locator('#mute').getAttribute('aria-pressed')).toBe('true');
    await issue(kit, { serviceCode: 'HT' }).expect(201);
    await ticketAction(kit, one.body.ticket.id, 'no-show', {}, officerAt('1')).expect(200);
    const third = await counterAction(kit, '1', 'call-next', {}, UNIT, officerAt('1')).expect(200);
    await board.locator(`#calls li[data-number="${third.body.ticket.number}"]`).waitFor();
    await board.locator('#announce', { hasText: third.body.ticket.number }).waitFor();
    expect(await board.evaluate<string[]>('window.__playedClips')).toHaveLength(16);
    await board.locator('#mute').click(); // unmuted again for the TV's next day
  });

  it('falls back to the browser’s Vietnamese voice when the clips cannot be loaded', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    contexts.push(context);
    await context.addInitScript(FAKE_VI_VOICE);
    await context.route('**/pages/queue/voice/**', (route) => route.abort());
    const board = await context.newPage();
    await board.goto(`${base}/board/${UNIT}`);
    await board.locator('.counter[data-counter-no="2"]').waitFor();
    await issue(kit, { serviceCode: 'HT' }).expect(201);
    const held = (
      await kit.db.query<{ id: string }[]>(
        `SELECT id FROM tickets WHERE unit_code = $1 AND counter_no = '2' AND status = 'CALLED'`,
        [UNIT],
      )
    )[0].id;
    await ticketAction(kit, held, 'no-show', {}, officerAt('2')).expect(200);
    const call = await counterAction(kit, '2', 'call-next', {}, UNIT, officerAt('2')).expect(200);
    const n = call.body.ticket.number as string;
    const spoken = await waitFor(
      async () => {
        const said = await board.evaluate<string[]>('window.__spoken');
        return said.length > 0 && said;
      },
      { message: 'call read by speech synthesis' },
    );
    const digits = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
    const read = [...n].map((c) => (/\d/.test(c) ? digits[Number(c)] : c)).join(' ');
    expect(spoken).toEqual([`Mời công dân có số ${read} đến quầy số 2`]);
    expect(await board.evaluate('window.__playedClips')).toEqual(['chime', 'speech']);
  });

  it('follows a kiosk ticket on the citizen’s phone from its QR code until it is called to counter 1', async () => {
    const device = tokenFor({ roles: ['kiosk'], units: [UNIT], sub: 'kiosk-sanh' });
    const kiosk = await open(`${base}/kiosk/${UNIT}#token=${device}`, { width: 1366, height: 768 });
    // One citizen waits already; counters 1 and 2 are busy.
    const before = await issue(kit, { serviceCode: 'HT' }).expect(201);
    await kiosk.locator('button[data-service-code="HT"]').click();
    await kiosk.locator('button[data-priority="NONE"]').click();
    await kiosk.locator('#ticket-number').waitFor();
    const number = await kiosk.locator('#ticket-number').innerText();
    const ticketId = await kiosk.locator('#ticket').getAttribute('data-ticket-id');
    expect(ticketId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/); // random v4
    // The slip's QR code is drawn (an SVG from the server) and printed.
    await waitFor(
      async () => (await kiosk.evaluate<number>("document.getElementById('ticket-qr').naturalWidth")) > 0,
      {
        message: 'QR code loaded',
      },
    );
    const qr = await kit.http().get(`/t/${ticketId}/qr.svg`).expect(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    await kiosk.emulateMedia({ media: 'print' });
    expect(await kiosk.locator('#ticket-qr').isVisible()).toBe(true);
    await shot(kiosk, 'kiosk-ticket-qr-print');
    await kiosk.emulateMedia({ media: 'screen' });

    const phone = await open(`${base}/t/${ticketId}`, { width: 390, height: 844 });
    await phone.locator('#number', { hasText: number }).waitFor();
    expect(await phone.locator('#service').innerText()).toBe('Hộ tịch');
    const api = (await kit.http().get(`/api/v1/public/tickets/${ticketId}`).expect(200)).body;
    expect(api.peopleAhead).toBeGreaterThanOrEqual(1);
    await phone.locator('#ahead', { hasText: `${api.peopleAhead} người` }).waitFor();
    expect(await phone.locator('#wait').innerText()).toMatch(/^(Khoảng \d+ phút|Sắp đến lượt)$/);
    expect(JSON.stringify(api)).not.toMatch(/officer|can-bo|kiosk/i); // nothing of who serves or issued it
    await shot(phone, 'ticket-page-waiting-390x844');

    // Counter 1 finishes its citizen and calls the one before; then this one: the page says where to go.
    const current = (
      await kit.db.query<{ id: string }[]>(
        `SELECT id FROM tickets WHERE unit_code = $1 AND counter_no = '1' AND status = 'CALLED'`,
        [UNIT],
      )
    )[0].id;
    await ticketAction(kit, current, 'no-show', {}, officerAt('1')).expect(200);
    const next = await counterAction(kit, '1', 'call-next', {}, UNIT, officerAt('1')).expect(200);
    expect(next.body.ticket.id).toBe(before.body.id);
    await phone.locator('#ahead', { hasText: 'Không có ai' }).waitFor({ timeout: 20_000 });
    await ticketAction(kit, before.body.id, 'no-show', {}, officerAt('1')).expect(200);
    const mine = await counterAction(kit, '1', 'call-next', {}, UNIT, officerAt('1')).expect(200);
    expect(mine.body.ticket.id).toBe(ticketId);
    await phone.locator('#called-counter', { hasText: 'Quầy 1' }).waitFor({ timeout: 20_000 });
    expect(await phone.locator('.called-lead').innerText()).toBe('Mời Quý khách đến');
    expect(await phone.locator('#waiting').isVisible()).toBe(false);
    await shot(phone, 'ticket-page-called-390x844');
  });

  it('logged no page errors', () => {
    expect(problems).toEqual([]);
  });
});
