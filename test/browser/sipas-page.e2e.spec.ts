import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { Topics } from '@fg/contracts';
import { dossierSurveyLink } from '@fg/platform';
import { waitFor } from '@fg/platform/testing';
import {
  aReturnedResult,
  produce,
  startSurvey,
  SurveyHarness,
} from '../../services/survey/src/testing/survey-harness';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expectFitsPhone, PHONE_CONTEXT } from './chromium';

/**
 * The citizen's SIPAS questionnaire (`/khao-sat/{link}`), the page the notify service's result e-mail/SMS links
 * to, in headless Chromium on a 360 px phone: opened from a signed link after `dossier.result-returned`, a
 * required question left out (marked in the browser, nothing sent), answered and stored once with the comment
 * kept in the survey database only, opened again (already answered), and a forged link. Screenshots in
 * test-artifacts/screenshots/.
 */
const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');
const LINK_KEY = 'sipas-page-link-key-0123456789abcdef';
/** A secret retired by a rotation (SURVEY_LINK_PREVIOUS_KEYS): the links it signed still open. */
const RETIRED_KEY = 'sipas-page-retired-link-key-987654321';

describe('the citizen SIPAS questionnaire on a phone, in headless Chromium', () => {
  let h: SurveyHarness;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const posts: string[] = [];

  async function open(url: string): Promise<Page> {
    const context = await browser.newContext(PHONE_CONTEXT);
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${url}: ${e.message}`));
    page.on('console', (m) => {
      // The 404 of a forged link and the 409 of a second visit are shown on the page (and asserted).
      if (m.type() === 'error' && !/status of 40[49]/.test(m.text())) problems.push(`${url}: ${m.text()}`);
    });
    page.on('request', (r) => r.method() === 'POST' && posts.push(r.url()));
    await page.goto(url);
    return page;
  }
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  /** A dossier whose result was returned, once survey has its invitation: the link notify would send. */
  async function returnedDossierLink(): Promise<{ dossierId: string; link: string }> {
    const event = aReturnedResult();
    const dossierId = (event.data as { dossierId: string }).dossierId;
    await produce(h, Topics.DOSSIER, [event]);
    await waitFor(
      async () =>
        (await h.db.query('SELECT 1 FROM invitations WHERE dossier_id = $1', [dossierId])).length === 1,
      { message: 'the SIPAS invitation of the returned dossier' },
    );
    return { dossierId, link: dossierSurveyLink(LINK_KEY, dossierId) };
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    process.env.SURVEY_LINK_KEY = LINK_KEY;
    process.env.SURVEY_LINK_PREVIOUS_KEYS = RETIRED_KEY;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    h = await startSurvey('survey_sipas_page');
    await h.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(h.app.getHttpServer().address() as AddressInfo).port}`;
  }, 180_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await h?.close();
    delete process.env.SURVEY_LINK_KEY;
    delete process.env.SURVEY_LINK_PREVIOUS_KEYS;
  });

  it('is answered once from the link: required questions checked first, the comment kept in the office', async () => {
    const { dossierId, link } = await returnedDossierLink();
    const page = await open(`${base}/khao-sat/${link}`);
    await page.locator('#form:not([hidden])').waitFor();
    expect(await page.locator('h1').innerText()).toContain('Phiếu khảo sát sự hài lòng');
    const sets = page.locator('fieldset');
    expect(await sets.count()).toBe(25); // 14 elements' questions, the overall one, 9 indicators, a comment
    expect(await page.locator('#f-OVERALL legend').innerText()).toContain('*');
    expect(await page.locator('#f-OVERALL').innerText()).toContain('Rất hài lòng');
    expect(await page.locator('#f-D61_1').innerText()).toContain('Trước hạn');
    await expectFitsPhone(page);
    await shot(page, 'sipas-form-360');

    // Everything required but the overall question: the browser names it, nothing is sent.
    for (const set of await sets.all()) {
      const code = await set.getAttribute('data-code');
      if (code === 'OVERALL' || code === 'COMMENT' || code?.startsWith('FEEDBACK_')) continue;
      // The first choice of each question: "Rất hài lòng" for the five levels, 2 points for the indicators.
      await set.locator('label.choice').first().click();
    }
    await page.locator('#submit').click();
    await page.locator('#f-OVERALL.invalid').waitFor();
    expect(await page.locator('#f-OVERALL .problem').innerText()).toBe('Vui lòng trả lời câu hỏi này.');
    expect(await page.locator('#form-message').innerText()).toContain('1 câu');
    expect(posts).toEqual([]);

    await page.locator('#f-OVERALL label.choice', { hasText: /^Hài lòng$/ }).click();
    await page.locator('#f-COMMENT textarea').fill('Cán bộ hướng dẫn rất tận tình.');
    await page.locator('#submit').click();
    await page.locator('#done:not([hidden])').waitFor();
    expect(await page.locator('#done').innerText()).toContain('đã được ghi nhận');
    await shot(page, 'sipas-thanks-360');

    const [row] = await h.db.query(
      `SELECT r.channel, r.answers, r.satisfied, r.decree61_total AS total
         FROM responses r JOIN invitations i ON i.id = r.invitation_id WHERE i.dossier_id = $1`,
      [dossierId],
    );
    expect(row).toMatchObject({ channel: 'WEB', satisfied: true, total: 18 });
    expect(row.answers).toMatchObject({
      OVERALL: 'SATISFIED',
      ACCESS_FACILITIES: 'VERY_SATISFIED',
      D61_1: 2,
    });
    expect(row.answers).not.toHaveProperty('COMMENT');
    expect(row.answers).not.toHaveProperty('FEEDBACK_CHANNELS');
    const comments = await h.db.query('SELECT text FROM response_comments WHERE question_code = $1', [
      'COMMENT',
    ]);
    expect(comments.map((c: { text: string }) => c.text)).toContain('Cán bộ hướng dẫn rất tận tình.');
    expect(posts).toHaveLength(1);

    // The same link again: already answered, no form.
    const again = await open(`${base}/khao-sat/${link}`);
    await again.locator('#done:not([hidden])').waitFor();
    expect(await again.locator('#done').innerText()).toContain('đã được gửi trước đó');
    expect(await again.locator('#form').isHidden()).toBe(true);
  });

  it('says a forged link is not valid, opens one signed before a key rotation, refuses a malformed one early', async () => {
    const { link } = await returnedDossierLink();
    const forged = `${link.slice(0, -3)}${link.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const page = await open(`${base}/khao-sat/${forged}`);
    await page.locator('#status.bad').waitFor();
    expect(await page.locator('#status').innerText()).toContain('không đúng hoặc đã hết hạn');
    expect(await page.locator('#form').isHidden()).toBe(true);
    await expectFitsPhone(page);

    // Sent before the key was rotated: still opens; signed with a key the service never had: refused.
    const { dossierId } = await returnedDossierLink();
    const api = (l: string) => fetch(`${base}/api/v1/public/surveys/by-dossier-link/${l}`);
    expect((await api(dossierSurveyLink(RETIRED_KEY, dossierId))).status).toBe(200);
    expect((await api(dossierSurveyLink('a-key-this-service-never-had-000', dossierId))).status).toBe(404);

    const res = await fetch(`${base}/khao-sat/not-a-link`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
  });

  it('raised no script or console errors', () => {
    expect(problems).toEqual([]);
  });
});
