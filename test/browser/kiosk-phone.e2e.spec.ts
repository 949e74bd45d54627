import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Topics, type SealedContact } from '@fg/contracts';
import { openSealedContact, parseSealKeyring } from '@fg/platform';
import { readTopic, tokenFor } from '@fg/platform/testing';
import { Browser, chromium, Page } from 'playwright-core';
import { QueueKit, setUpOffice, startQueue, UNIT } from '../../services/queue/src/testing/queue-test-kit';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/**
 * Issue #18: the kiosk page's optional phone for the "your turn is near" SMS, in headless Chromium against the
 * queue service. A wrong number is refused with a Vietnamese message and no ticket; a right one gives the ticket,
 * says an SMS will come, and reaches the bus only sealed for notify. Screenshots in test-artifacts/screenshots/.
 */
const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');

describe('the kiosk page with a phone for "your turn is near"', () => {
  let kit: QueueKit;
  let browser: Browser;
  let kiosk: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    kit = await startQueue('kiosk_phone_page');
    await setUpOffice(kit);
    await kit.app.listen(0, '127.0.0.1');
    const base = (await kit.app.getUrl()).replace('[::1]', '127.0.0.1');
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    kiosk = await context.newPage();
    kiosk.on('pageerror', (e) => problems.push(e.message));
    const token = tokenFor({ roles: ['kiosk'], units: [UNIT], sub: 'kiosk-phone-1' });
    await kiosk.goto(`${base}/kiosk/${UNIT}#token=${token}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await kit?.close();
  });

  const choose = async (phone: string) => {
    await kiosk.locator('button[data-service-code="HT"]').click();
    await kiosk.locator('#priority-title').waitFor();
    expect(await kiosk.locator('label[for="phone"]').innerText()).toBe(
      'Số điện thoại nhận tin nhắn khi sắp đến lượt (không bắt buộc)',
    );
    await kiosk.locator('#phone').fill(phone);
  };

  it('refuses a number that is not a Vietnamese mobile, in Vietnamese, and issues nothing', async () => {
    await choose('024 3812 3456');
    await kiosk.locator('button[data-priority="NONE"]').click();
    await kiosk.locator('#error', { hasText: 'Số điện thoại chưa đúng' }).waitFor();
    expect(await kiosk.locator('#screen-priority').isVisible()).toBe(true);
    await kiosk.screenshot({ path: path.join(SHOTS, 'kiosk-phone-refused-1366x768.png') });
    expect((await kit.db.query('SELECT count(*)::int AS n FROM tickets'))[0].n).toBe(0);
    await kiosk.locator('#back').click();
  });

  it('issues the ticket, says an SMS will come, and seals the number for notify only', async () => {
    await choose('0912 345 678');
    await kiosk.screenshot({ path: path.join(SHOTS, 'kiosk-phone-1366x768.png') });
    await kiosk.locator('button[data-priority="NONE"]').click();
    await kiosk.locator('#ticket-number', { hasText: 'A001' }).waitFor();
    expect(await kiosk.locator('#ticket-sms').isVisible()).toBe(true);
    await kiosk.screenshot({ path: path.join(SHOTS, 'kiosk-phone-ticket-1366x768.png') });

    const [issued] = await readTopic(`${kit.env.topicPrefix}${Topics.QUEUE}`, (m) => m.length >= 1);
    expect(issued.value).not.toContain('912345678');
    const event = JSON.parse(issued.value!);
    const keyring = await parseSealKeyring(kit.env.seal.keyring);
    await expect(
      openSealedContact(event.data.contact as SealedContact, keyring, { subject: event.subject }),
    ).resolves.toMatchObject({ ok: true, contact: { phone: '+84912345678' } });

    // The next citizen starts with an empty field.
    await kiosk.locator('#done').click();
    await kiosk.locator('button[data-service-code="HT"]').click();
    expect(await kiosk.locator('#phone').inputValue()).toBe('');
    expect(problems).toEqual([]);
  });
});
