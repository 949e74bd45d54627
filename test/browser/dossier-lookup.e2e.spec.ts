import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import {
  addWorkingMinutes,
  createWorkingCalendar,
  DEFAULT_WORKING_HOURS,
} from '../../services/dossier/src/domain';
import {
  aProvince,
  anIntake,
  DossierTestKit,
  startDossierKit,
  tokens,
} from '../../services/dossier/src/testing/dossier-test-kit';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expectFitsPhone, PHONE_CONTEXT } from './chromium';

/**
 * The citizen's look-up page (/tra-cuu, issue #17 item 1) in headless Chromium on a 360 px phone screen: a
 * dossier taken in over the API, opened from its receipt link (`/tra-cuu/{code}#k={key}`, what the counter
 * console's QR code carries), through a supplement request, a late result with an apology letter and the
 * form with a wrong key. Screenshots in test-artifacts/screenshots/.
 */
const [province, unit] = aProvince('TL');
const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');

describe('the dossier look-up page on a phone, in headless Chromium', () => {
  let kit: DossierTestKit;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const requested: string[] = [];
  const officer = tokens.officer(unit.code, 'officer-3');

  async function open(url: string): Promise<Page> {
    const context = await browser.newContext(PHONE_CONTEXT);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`));
    page.on('console', (m) => {
      // The wrong key's 404 is shown on the page (and asserted); Chromium logs its status too.
      if (m.type() === 'error' && !/status of 404/.test(m.text())) problems.push(`${url}: ${m.text()}`);
    });
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(url);
    return page;
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const act = (id: string, action: string, body: object = {}) =>
    kit.http().post(`/api/v1/dossiers/${id}/${action}`).set('Authorization', officer).send(body).expect(200);
  const intake = async (overrides: Record<string, unknown> = {}) =>
    (
      await kit
        .http()
        .post('/api/v1/dossiers')
        .set('Authorization', tokens.portal())
        .send(anIntake(unit.code, overrides))
        .expect(201)
    ).body as { id: string; code: string; lookupKey: string; dueAt: string };
  const receiptLink = (d: { code: string; lookupKey: string }) =>
    `${base}/tra-cuu/${encodeURIComponent(d.code)}#k=${encodeURIComponent(d.lookupKey)}`;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    kit = await startDossierKit('dossier_lookup_browser', [province, unit]);
    await kit.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(kit.app.getHttpServer().address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await kit?.close();
  });

  it('opens from the receipt link: being processed, then a supplement with its reason, key never sent', async () => {
    const d = await intake();
    const page = await open(receiptLink(d));
    await page.locator('#result:not([hidden])').waitFor();
    expect(await page.locator('#r-code').innerText()).toBe(d.code);
    expect(await page.locator('#r-status').innerText()).toBe('Đang giải quyết');
    expect(await page.locator('#r-procedure').innerText()).toMatch(/tình trạng hôn nhân/i);
    expect(await page.locator('#r-received').innerText()).toMatch(/^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}$/);
    expect(await page.locator('#r-due').innerText()).toMatch(/^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}$/);
    expect(await page.locator('#r-place').innerText()).toContain(unit.name);
    // No personal data on the page: the applicant's name, id number and phone are not in the public answer.
    const text = await page.locator('body').innerText();
    for (const personal of ['Nguyễn Thị Hương', '024190000123', '0912345678'])
      expect(text).not.toContain(personal);
    await expectFitsPhone(page);
    await shot(page, 'dossier-lookup-in-progress-360');

    await act(d.id, 'start');
    await act(d.id, 'request-supplement', {
      reasonCode: 'MISSING_DOCUMENT',
      note: 'Thiếu giấy xác nhận cư trú',
    });
    await page.reload();
    await page.locator('#r-status', { hasText: 'Cần bổ sung hồ sơ' }).waitFor();
    const detail = await page.locator('#r-status-detail').innerText();
    expect(detail).toContain('Thiếu giấy tờ trong thành phần hồ sơ');
    expect(detail).not.toContain('cư trú'); // the officer's note stays in the office
    await expectFitsPhone(page);
    await shot(page, 'dossier-lookup-supplement-360');

    // The page itself was fetched without the key; only the API call carries it (redacted in the logs).
    const pageLoads = requested.filter((u) => u.startsWith(`${base}/tra-cuu`));
    expect(pageLoads.length).toBeGreaterThan(0);
    for (const u of pageLoads) expect(u).not.toContain(d.lookupKey);
  });

  it('tells a late result with the apology letter’s new appointment', async () => {
    // Received three weeks ago: its due date has passed; the apology promises a later one.
    const d = await intake({ receivedAt: new Date(Date.now() - 21 * 86_400_000).toISOString() });
    await act(d.id, 'start');
    const newDueAt = addWorkingMinutes(new Date(), 8 * 60, createWorkingCalendar(), DEFAULT_WORKING_HOURS);
    await kit
      .http()
      .post(`/api/v1/dossiers/${d.id}/apology`)
      .set('Authorization', officer)
      .send({ reason: 'Cần xác minh thêm', newDueAt: newDueAt.toISOString(), signer: 'Trần Văn Bình' })
      .expect(201);
    await act(d.id, 'resolve', { outcome: 'APPROVED' });
    await act(d.id, 'return-result');
    const page = await open(receiptLink(d));
    await page.locator('#result:not([hidden])').waitFor();
    expect(await page.locator('#r-status').innerText()).toBe('Đã trả kết quả trễ hạn');
    expect(await page.locator('#r-status-detail').innerText()).toContain('thư xin lỗi');
    expect(await page.locator('#r-new-due').isVisible()).toBe(true);
    expect(await page.locator('#r-new-due').innerText()).toMatch(/^\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}$/);
    expect(await page.locator('#r-finished').isVisible()).toBe(true);
    await expectFitsPhone(page);
    await shot(page, 'dossier-lookup-late-360');
  });

  it('looks up from the form; a wrong key is told in Vietnamese and shows nothing', async () => {
    const d = await intake();
    const page = await open(`${base}/tra-cuu`);
    await page.locator('#code').fill(d.code);
    await page.locator('#key').fill('WRONGKEY23');
    await page.locator('#submit').click();
    await page.locator('#message:not([hidden])').waitFor();
    expect(await page.locator('#message').innerText()).toMatch(/Không tìm thấy hồ sơ/);
    expect(await page.locator('#result').isHidden()).toBe(true);
    await expectFitsPhone(page);
    await shot(page, 'dossier-lookup-wrong-key-360');
    await page.locator('#key').fill(d.lookupKey.toLowerCase());
    await page.locator('#submit').click();
    await page.locator('#r-status', { hasText: 'Đang giải quyết' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/tra-cuu/${d.code}`);
    expect(problems).toEqual([]);
  });
});
