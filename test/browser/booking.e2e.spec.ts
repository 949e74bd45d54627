import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { tokenFor } from '@fg/platform/testing';
import { Browser, chromium, Page } from 'playwright-core';
import { QueueClock } from '../../services/queue/src/application/queue-clock';
import { QueueKit, setUpOffice, startQueue, UNIT } from '../../services/queue/src/testing/queue-test-kit';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/**
 * Issue #19 in headless Chromium against the queue service: a citizen books on the public page /book/{unit}
 * (service, day, a free slot, a phone number → the booking code, its QR, date, time and office), then checks
 * in at the kiosk page with the code and gets an APPOINTMENT ticket whose page shows the booking code.
 * The service clock is Monday 7 December 2026, 08:00 in Hà Nội. Screenshots in test-artifacts/screenshots/.
 */
const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');
const MONDAY = '2026-12-07';
/** The service's clock and the browser's: the page's "tomorrow" is then always Tuesday, whatever day CI runs. */
const NOW = new Date(`${MONDAY}T08:00:00+07:00`);

describe('booking an appointment and checking in, in headless Chromium', () => {
  let kit: QueueKit;
  let browser: Browser;
  let base: string;
  const problems: string[] = [];

  const open = async (url: string, viewport: { width: number; height: number }): Promise<Page> => {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`));
    await page.goto(url);
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    kit = await startQueue('booking_page');
    await setUpOffice(kit, [
      { no: '1', services: ['HT'] },
      { no: '2', services: ['HT'] },
    ]);
    jest.spyOn(kit.app.get(QueueClock), 'now').mockImplementation(() => NOW);
    await kit.app.listen(0, '127.0.0.1');
    base = (await kit.app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kit?.close();
  });

  it('books a slot and checks in at the kiosk with the code', async () => {
    const book = await open(`${base}/book/${UNIT}`, { width: 412, height: 915 });
    await book.locator('#service option[value="HT"]').waitFor({ state: 'attached' });
    await book.locator('#service').selectOption('HT');
    await book.locator('#date').fill(MONDAY);
    await book.locator('#date').dispatchEvent('change');
    // Two counters at the default 30 % walk-in reserve: one place per slot; the first after 08:00 is 08:15.
    // The page first loads tomorrow's (Tuesday's) slots; wait for Monday's.
    const first = book.locator(`#slots[data-date="${MONDAY}"] button`).first();
    await first.waitFor();
    expect(await first.innerText()).toBe('08:15');
    await first.click();
    await book.locator('#phone').fill('0912 345 678');
    await book.screenshot({ path: path.join(SHOTS, 'booking-form-412x915.png') });
    await book.locator('#submit').click();
    await book.locator('#booked').waitFor();
    const code = (await book.locator('#code').innerText()).trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{8}$/);
    expect(await book.locator('#when').innerText()).toContain('08:15');
    expect(await book.locator('#qr svg').count()).toBe(1);
    await book.screenshot({ path: path.join(SHOTS, 'booking-code-412x915.png') });

    const token = tokenFor({ roles: ['kiosk'], units: [UNIT], sub: 'kiosk-booking-1' });
    const kiosk = await open(`${base}/kiosk/${UNIT}#token=${token}`, { width: 1366, height: 768 });
    await kiosk.locator('#booking-code').fill(code.toLowerCase());
    await kiosk.locator('#check-in-go').click();
    await kiosk.locator('#ticket-number', { hasText: 'A001' }).waitFor();
    expect(await kiosk.locator('#ticket-priority').innerText()).toBe('Có lịch hẹn');
    await kiosk.screenshot({ path: path.join(SHOTS, 'booking-check-in-ticket-1366x768.png') });
    const ticketId = await kiosk.locator('#ticket').getAttribute('data-ticket-id');

    const ticket = await open(`${base}/t/${ticketId}`, { width: 412, height: 915 });
    await ticket.locator('#booking-code', { hasText: code }).waitFor();

    // The same code cannot give a second ticket.
    await kiosk.locator('#done').click();
    await kiosk.locator('#booking-code').fill(code);
    await kiosk.locator('#check-in-go').click();
    await kiosk.locator('#error', { hasText: 'đã được sử dụng' }).waitFor();
    expect((await kit.db.query('SELECT count(*)::int AS n FROM tickets'))[0].n).toBe(1);
    expect(problems).toEqual([]);
  });
});
