import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BoardStreamHub } from '../../services/queue/src/application/board-stream.hub';
import { bearer, tokenFor, waitFor } from '@fg/platform/testing';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import request from 'supertest';
import { RunningSystem, startSystem } from '../support/system';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/**
 * The three office pages in real headless Chromium against all four services: a citizen takes a ticket at
 * the kiosk page, the officer calls it through the API and the board shows it live (and again after its
 * stream is cut), the officer completes it and the citizen gives 5 stars on the counter tablet, which the
 * satisfaction statistics then count. Screenshots go to test-artifacts/screenshots/.
 */
const UNIT = '09201';
const UNIT_NAME = 'Phường Thân Thiện';
const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');

/**
 * The board's TV has a Vietnamese voice here: a stand-in speechSynthesis records what would be said (the board
 * uses it only when its recorded clips cannot be played).
 */
const FAKE_VI_VOICE = `
  window.__spoken = [];
  const voice = { lang: 'vi-VN', name: 'Tiếng Việt (thử)', voiceURI: 'test-vi', localService: true, default: true };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => [voice],
    speak: (u) => { window.__spoken.push(u.text); setTimeout(() => u.onend && u.onend(), 20); },
    cancel() {}, addEventListener() {},
  } });
`;

describe('office pages (board, kiosk, counter tablet) in headless Chromium', () => {
  let s: RunningSystem;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const http = (name: keyof RunningSystem['apps']) => request(s.apps[name].getHttpServer());
  let admin: string, officer: string, viewer: string, deviceToken: string;

  async function open(
    url: string,
    viewport: { width: number; height: number },
    init?: string,
  ): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    contexts.push(context);
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`));
    page.on('console', (m) => {
      // The tablet's polls answer 404 while nobody waits to rate: Chromium logs those as errors.
      if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`${url}: ${m.text()}`);
    });
    await page.goto(url);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    s = await startSystem('pages');
    admin = bearer({ roles: ['admin'] });
    officer = bearer({ roles: ['officer'], units: [UNIT], sub: 'can-bo-1' });
    viewer = bearer({ roles: ['viewer'] });
    deviceToken = tokenFor({ roles: ['kiosk'], units: [UNIT], sub: 'thiet-bi-sanh-1' });
    await http('rating')
      .post('/api/v1/units/import')
      .set('Authorization', admin)
      .send({
        units: [
          { code: '92', name: 'Tỉnh Thử Nghiệm', level: 'PROVINCE' },
          { code: UNIT, name: UNIT_NAME, level: 'COMMUNE', parentCode: '92' },
        ],
      })
      .expect(200);
    for (const name of ['queue', 'survey'] as const) {
      await waitFor(
        async () =>
          (await http(name).get(`/api/v1/units/${UNIT}`).set('Authorization', viewer)).status === 200,
        { message: `${name} unit copy` },
      );
    }
    const put = (p: string, body: object) =>
      http('queue').put(`/api/v1/units/${UNIT}/${p}`).set('Authorization', admin).send(body).expect(200);
    await put('services/HT', { name: 'Hộ tịch', prefix: 'A' });
    await put('services/CT', { name: 'Chứng thực', prefix: 'B' });
    await put('services/DD', { name: 'Đất đai', prefix: 'C' });
    await put('counters/1', { name: 'Quầy 1', serviceCodes: ['HT', 'CT'] });
    await put('counters/2', { name: 'Quầy 2', serviceCodes: ['CT'] });
    await put('counters/3', { name: 'Quầy 3', serviceCodes: ['DD'] });
    await put('counters/4', { name: 'Quầy 4', serviceCodes: ['DD'] });
    await put('counters/5', { name: 'Quầy 5 – Một cửa liên thông', serviceCodes: ['HT', 'CT', 'DD'] });
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await s?.stop();
  });

  it('kiosk ticket → call on the live board → 5 stars on the tablet → satisfaction statistics', async () => {
    const started = Date.now();
    // The board (a TV) and the tablet at counter 1 are on from the start of the day.
    const board = await open(`${s.urls.queue}/board/${UNIT}`, { width: 1366, height: 768 }, FAKE_VI_VOICE);
    await board.locator('#unit-name', { hasText: UNIT_NAME }).waitFor();
    expect(await board.locator('#unit-authority').innerText()).toBe('UBND TỈNH THỬ NGHIỆM');
    await board.locator('.counter[data-counter-no="5"]').waitFor();
    await board.evaluate('window.__sameDocument = true'); // gone if the page ever reloads
    const tablet = await open(`${s.urls.survey}/tablet/${UNIT}/1#token=${deviceToken}`, {
      width: 1280,
      height: 800,
    });
    await tablet.locator('#screen-idle').waitFor();
    expect(tablet.url()).not.toContain('token='); // the device token left the address bar for localStorage

    // Officers open counters 1 and 2.
    for (const no of ['1', '2']) {
      await http('queue')
        .post(`/api/v1/units/${UNIT}/counters/${no}/open`)
        // Each counter's officer opens it with his own token: the officer on duty is the token's subject.
        .set('Authorization', bearer({ roles: ['officer'], units: [UNIT], sub: `can-bo-${no}` }))
        .send({})
        .expect(200);
    }

    // 1. A citizen takes a ticket at the kiosk: service, then priority, then the ticket.
    const kiosk = await open(`${s.urls.queue}/kiosk/${UNIT}#token=${deviceToken}`, {
      width: 1366,
      height: 768,
    });
    expect(kiosk.url()).not.toContain('token=');
    await kiosk.locator('#unit-name', { hasText: UNIT_NAME }).waitFor();
    await kiosk.locator('button[data-service-code="HT"]').waitFor();
    await shot(kiosk, 'kiosk-services-1366x768');
    await kiosk.locator('button[data-service-code="HT"]').click();
    await kiosk.locator('#priority-title').waitFor();
    expect(await kiosk.locator('#priorities button').allInnerTexts()).toEqual([
      'Người cao tuổi',
      'Người khuyết tật',
      'Phụ nữ mang thai',
      'Người đi cùng trẻ nhỏ',
      'Người có công',
      expect.stringMatching(/^Không/),
    ]);
    await shot(kiosk, 'kiosk-priority-1366x768');
    await kiosk.locator('button[data-priority="ELDERLY"]').click();
    await kiosk.locator('#ticket-number', { hasText: 'A001' }).waitFor();
    expect(await kiosk.locator('#ticket-service').innerText()).toBe('Hộ tịch');
    expect(await kiosk.locator('#ticket-priority').innerText()).toBe('Người cao tuổi');
    expect(await kiosk.locator('#ticket-ahead').innerText()).toBe('Không có ai');
    expect(await kiosk.locator('#ticket-wait').innerText()).toBe('Sắp đến lượt');
    await shot(kiosk, 'kiosk-ticket-1366x768');
    await kiosk.setViewportSize({ width: 1280, height: 800 });
    await shot(kiosk, 'kiosk-ticket-1280x800');
    await kiosk.setViewportSize({ width: 1366, height: 768 });
    // On paper only the ticket is printed.
    await kiosk.emulateMedia({ media: 'print' });
    expect(await kiosk.locator('.kiosk-head').isVisible()).toBe(false);
    expect(await kiosk.locator('#print').isVisible()).toBe(false);
    expect(await kiosk.locator('#ticket-number').isVisible()).toBe(true);
    await shot(kiosk, 'kiosk-ticket-print');
    await kiosk.emulateMedia({ media: 'screen' });
    // The board counts the waiting citizen without a reload.
    await board.locator('#waiting li[data-service-code="HT"][data-waiting="1"]').waitFor();

    // A second citizen uses the keyboard only (Tab / Enter): Chứng thực, no priority.
    await kiosk.locator('#done').click();
    await kiosk.locator('#services-title').waitFor();
    await kiosk.locator('button[data-service-code="CT"]').focus();
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('button[data-priority="NONE"]').focus();
    await kiosk.keyboard.press('Enter');
    await kiosk.locator('#ticket-number', { hasText: 'B001' }).waitFor();
    expect(await kiosk.locator('#ticket-ahead').innerText()).toBe('1 người'); // A001 shares counter 1

    // 2. Counter 1 calls: A001 (elderly) appears on the board, highlighted and announced, without reload.
    const call = (
      await http('queue')
        .post(`/api/v1/units/${UNIT}/counters/1/call-next`)
        .set('Authorization', officer)
        .send({})
        .expect(200)
    ).body;
    expect(call.ticket.number).toBe('A001');
    await board.locator('.counter.is-fresh[data-counter-no="1"][data-number="A001"]').waitFor();
    await board.locator('#announce', { hasText: 'Mời số A001 đến Quầy 1' }).waitFor();
    await board.locator('#calls li[data-number="A001"]').waitFor();
    // Read aloud from the recorded clips after the chime (issue #17 item 4); the Vietnamese voice is not needed.
    await waitFor(async () => (await board.evaluate<string[]>('window.__playedClips')).length >= 8, {
      message: 'call read aloud',
    });
    expect(await board.evaluate('window.__playedClips')).toEqual([
      'chime',
      'moi_cong_dan_co_so',
      'letter_a',
      'digit_0',
      'digit_0',
      'digit_1',
      'den_quay_so',
      'digit_1',
    ]);
    expect(await board.evaluate('window.__spoken')).toEqual([]);
    expect(await board.evaluate('window.__sameDocument')).toBe(true);
    await shot(board, 'board-call-1366x768');

    // 3. The board's stream is cut (as by a network drop); changes made meanwhile still reach the board.
    const hub = s.apps.queue.get<BoardStreamHub>(
      (await import('../../services/queue/src/application/board-stream.hub')).BoardStreamHub,
    );
    for (const set of (hub as any).clients.values()) for (const client of set) client.close();
    const cutAt = Date.now();
    await http('queue')
      .post(`/api/v1/units/${UNIT}/counters/2/call-next`)
      .set('Authorization', officer)
      .send({})
      .expect(200);
    await board.locator('.counter[data-counter-no="2"][data-number="B001"]').waitFor({ timeout: 20_000 });
    console.log(
      `[figures] board stream cut → the call made meanwhile on the board: ${Date.now() - cutAt} ms (EventSource retry 3 s)`,
    );
    expect(await board.evaluate('window.__sameDocument')).toBe(true);

    // 4. The officer serves A001 and completes it; the tablet at counter 1 asks for stars.
    await http('queue')
      .post(`/api/v1/tickets/${call.ticket.id}/start`)
      .set('Authorization', officer)
      .send({})
      .expect(200);
    await shot(tablet, 'tablet-idle-1280x800');
    await http('queue')
      .post(`/api/v1/tickets/${call.ticket.id}/complete`)
      .set('Authorization', officer)
      .send({})
      .expect(200);
    await tablet
      .locator('#rate-title', { hasText: 'Quý khách đánh giá mức độ hài lòng' })
      .waitFor({ timeout: 30_000 });
    expect(await tablet.locator('#stars [role="radio"]').count()).toBe(5);
    await tablet.locator('.reason', { hasText: 'Nhiệt tình' }).waitFor();
    await shot(tablet, 'tablet-rate-empty-1280x800');
    // Keyboard: into the star group, then End picks 5 stars.
    await tablet.locator('#stars [data-value="1"]').focus();
    await tablet.keyboard.press('End');
    expect(await tablet.locator('#stars [aria-checked="true"]').getAttribute('aria-label')).toBe(
      '5 sao — Rất hài lòng',
    );
    await tablet.locator('.reason', { hasText: 'Nhiệt tình' }).click();
    await tablet.locator('.reason', { hasText: 'Nhanh chóng' }).click();
    await shot(tablet, 'tablet-rate-1280x800');
    await tablet.setViewportSize({ width: 800, height: 1280 }); // the same tablet held upright
    await shot(tablet, 'tablet-rate-800x1280');
    await tablet.setViewportSize({ width: 1280, height: 800 });
    await tablet.locator('#submit').click();
    await tablet.locator('#thanks-title', { hasText: 'Cảm ơn Quý khách!' }).waitFor();
    await shot(tablet, 'tablet-thanks-1280x800');
    await tablet.locator('#screen-idle').waitFor({ timeout: 20_000 }); // back to idle by itself

    // 5. The answer is in the satisfaction statistics, and the tablet does not ask again for that ticket.
    const total = await waitFor(
      async () => {
        const r = await http('survey')
          .get(`/api/v1/stats/satisfaction?unitCode=${UNIT}`)
          .set('Authorization', viewer)
          .expect(200);
        return r.body.total?.responses === 1 && r.body.total;
      },
      { message: 'response in the satisfaction statistics' },
    );
    expect(total.byElement.OFFICER.satisfiedRate).toBe(1);

    // 6. The next citizen at counter 1 skips the rating: the invitation stays open on the server, but the
    //    tablet never offers it again, not even after a reload.
    let polls = 0;
    const countPolls = (p: Page) =>
      p.on('request', (r) => {
        if (r.url().endsWith('/counters/1/pending-invitation')) polls++;
      });
    countPolls(tablet);
    const next = (
      await http('queue')
        .post(`/api/v1/units/${UNIT}/tickets`)
        .set('Authorization', `Bearer ${deviceToken}`)
        .send({ serviceCode: 'HT' })
        .expect(201)
    ).body;
    await http('queue')
      .post(`/api/v1/units/${UNIT}/counters/1/call-next`)
      .set('Authorization', officer)
      .send({})
      .expect(200);
    await http('queue')
      .post(`/api/v1/tickets/${next.id}/start`)
      .set('Authorization', officer)
      .send({})
      .expect(200);
    await http('queue')
      .post(`/api/v1/tickets/${next.id}/complete`)
      .set('Authorization', officer)
      .send({})
      .expect(200);
    await tablet.locator('#screen-rate').waitFor({ timeout: 30_000 });
    await tablet.locator('#skip').click();
    await tablet.locator('#screen-idle').waitFor();
    const stillOpen = (
      await http('survey')
        .get(`/api/v1/units/${UNIT}/counters/1/pending-invitation`)
        .set('Authorization', `Bearer ${deviceToken}`)
        .expect(200)
    ).body;
    expect(stillOpen.ticketId).toBe(next.id);
    const waitPolls = async (n: number) => {
      const from = polls;
      await waitFor(() => polls >= from + n, { message: `${n} tablet polls` });
    };
    await waitPolls(2);
    expect(await tablet.locator('#screen-idle').isVisible()).toBe(true);
    await tablet.reload();
    await tablet.locator('#screen-idle').waitFor();
    await waitPolls(2);
    expect(await tablet.locator('#screen-idle').isVisible()).toBe(true);

    // The last board view after everything above, at 1366×768.
    await shot(board, 'board-1366x768');
    expect(problems).toEqual([]);
    console.log(
      `[figures] office pages journey in Chromium: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }, 180_000);

  it('serves the pages as files with their content types and a same-origin CSP; unknown files are 404', async () => {
    const page = await http('queue').get(`/board/${UNIT}`).expect(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
    expect(page.text).toContain('lang="vi"');
    expect((await http('queue').get('/pages/queue/board.js').expect(200)).headers['content-type']).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await http('queue').get('/pages/queue/kiosk.css').expect(200)).headers['content-type']).toBe(
      'text/css; charset=utf-8',
    );
    expect((await http('survey').get(`/tablet/${UNIT}/1`).expect(200)).headers['content-type']).toBe(
      'text/html; charset=utf-8',
    );
    await http('queue').get('/pages/queue/..%2Fstatic-assets.ts').expect(404);
    await http('survey').get('/pages/survey/board.js').expect(404);
    await http('survey').get(`/tablet/${UNIT}/bad%20counter`).expect(400);
    expect((await http('queue').get(`/board/${UNIT}/unit`).expect(200)).body).toMatchObject({
      code: UNIT,
      name: UNIT_NAME,
      // Two tiers: the commune hangs directly under the province.
      header: ['UBND TỈNH THỬ NGHIỆM', 'UBND PHƯỜNG THÂN THIỆN'],
    });
    await http('queue').get('/board/99999/unit').expect(404);
  });

  it('tells a kiosk without a device token how to get one, and keeps no secret in the page', async () => {
    const page = await open(`${s.urls.queue}/kiosk/${UNIT}`, { width: 1280, height: 800 });
    await page.locator('#setup-title').waitFor();
    expect(await page.locator('#setup-url').innerText()).toBe(`${s.urls.queue}/kiosk/${UNIT}`);
    const html =
      (await http('queue').get(`/kiosk/${UNIT}`).expect(200)).text +
      (await http('queue').get('/pages/queue/kiosk.js')).text;
    expect(html).not.toMatch(/eyJ[\w-]{10,}/); // no JWT baked in
  });
});
