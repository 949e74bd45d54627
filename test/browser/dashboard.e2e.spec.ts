import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { localYearOf } from '@fg/kernel';
import { bearer, binaryBody, pdfText, tokenFor, waitFor } from '@fg/platform/testing';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import request from 'supertest';
import { seedDemoIfEmpty } from '../../tools/sim/seed-demo';
import { simulate } from '../../tools/sim/simulate';
import { RunningSystem, startSystem } from '../support/system';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

/**
 * The leaders' dashboard in real headless Chromium against all four services: the demo province of
 * `npm start` (Bắc Ninh, 24) with two simulated commune offices, opened with a viewer token. The page reads
 * rating's standings and, cross-origin (CORS_ORIGINS, the page's CSP), the dossier, survey and queue
 * statistics; every number of its tables and charts must equal the REST answers read here. A click on a
 * unit's row drills down to that commune's dashboard. Screenshots go to test-artifacts/screenshots/.
 */
const PROVINCE = '24';
const COMMUNE = '07210';
const SHOTS = path.resolve(__dirname, '../../test-artifacts/screenshots');

describe("the leaders' dashboard in headless Chromium", () => {
  let s: RunningSystem;
  let browser: Browser;
  let context: BrowserContext;
  const problems: string[] = [];
  const viewer = bearer({ roles: ['viewer'] });
  const year = localYearOf(new Date());
  const http = (name: keyof RunningSystem['apps']) => request(s.apps[name].getHttpServer());
  const get = async (name: keyof RunningSystem['apps'], url: string) =>
    (await http(name).get(url).set('Authorization', viewer).expect(200)).body;

  // Run in the page (this project compiles without the DOM types, so the scripts are text).
  /** Each number cell's raw value (data-value) of a table, by row header and column key. */
  const tableValues = (page: Page, id: string) =>
    page.evaluate<Record<string, Record<string, string>>>(`(() => {
      const out = {};
      for (const tr of document.querySelectorAll('#${id} tbody tr')) {
        const head = tr.querySelector('th');
        if (!head) continue;
        const cells = {};
        for (const td of tr.querySelectorAll('[data-key]')) cells[td.dataset.key] = td.dataset.value;
        out[head.textContent.trim()] = cells;
      }
      return out;
    })()`);
  const kpiValues = (page: Page, id: string) =>
    page.evaluate<Record<string, string>>(
      `Object.fromEntries([...document.querySelectorAll('#${id} dd')].map((d) => [d.dataset.key, d.dataset.value]))`,
    );
  /** The data of a chart's series as ECharts holds them (the option the chart was drawn from). */
  const chartData = (page: Page, id: string) =>
    page.evaluate<unknown[][]>(`echarts
      .getInstanceByDom(document.getElementById('${id}'))
      .getOption()
      .series.map((x) => x.data.map((d) => (d !== null && typeof d === 'object' ? d.value : d)))`);
  const raw = (v: number | null) => (v === null ? '' : String(v));
  const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 10000) / 100);

  async function open(url: string): Promise<Page> {
    const page = await context.newPage();
    const label = url.split('#')[0]; // not the token
    page.on('pageerror', (e) => problems.push(`${label}: ${e.message}`));
    page.on('console', (m) => {
      // A viewer may not read the citizens' written comments: that 403 is expected (the page shows no count).
      const expected = /status of 403/.test(m.text()) && m.location().url.includes('/comments?');
      if (m.type() === 'error' && !expected) problems.push(`${label}: ${m.text()} (${m.location().url})`);
    });
    await page.goto(url);
    return page;
  }
  const ready = (page: Page) => page.locator('body[data-ready="true"]').waitFor({ timeout: 60_000 });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    s = await startSystem('dashboard', { dashboard: true });
    expect(await seedDemoIfEmpty(s.urls, () => undefined)).toBe(true);
    await simulate({ urls: s.urls, units: 2, days: 2, seed: 20, concurrency: 2, verify: false });
    // The standings are rating's projection of the other services' events: wait until it has every dossier.
    const received = (
      await get('dossier', `/api/v1/stats/timeliness?unitCode=${PROVINCE}&includeDescendants=true`)
    ).total.received as number;
    expect(received).toBeGreaterThan(0);
    await waitFor(
      async () =>
        (await get('rating', `/api/v1/units/${PROVINCE}/scorecard?year=${year}`)).counts.dossiersReceived ===
        received,
      { timeoutMs: 60_000, message: "rating's copy of the dossiers" },
    );
  }, 300_000);

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await s?.stop();
  });

  it('shows the province with the numbers of the REST answers, and drills down to a commune', async () => {
    const page = await open(
      `${s.urls.rating}/dashboard/${PROVINCE}?period=${year}#token=${tokenFor({ roles: ['viewer'] })}`,
    );
    await ready(page);
    expect(page.url()).not.toContain('token='); // kept in localStorage, wiped from the address bar
    expect(await page.locator('#unit-name').innerText()).toBe('Tỉnh Bắc Ninh');
    for (const id of ['certification', 'timeliness', 'satisfaction', 'queue', 'officers'])
      expect(await page.locator(`#${id}`).getAttribute('data-loaded')).toBe('true');
    const ctx = await get('rating', `/api/v1/units/${PROVINCE}/dashboard?period=${year}`);
    const { from, to, yearFrom } = ctx.period;

    // Certification: the star distribution of the communes.
    const progress = await get('rating', `/api/v1/units/${PROVINCE}/certification-progress?year=${year}`);
    const starRows = [0, 1, 2, 3, 4, 5].map((k) => progress.byStars[k]).concat(progress.pending);
    const stars = await tableValues(page, 'table-stars');
    expect(Object.values(stars).map((r) => Number(r.count))).toEqual(starRows);
    expect(await chartData(page, 'chart-stars')).toEqual([starRows]);
    expect(await page.locator('#certification-summary').innerText()).toContain(
      `${progress.certified}/${progress.total} xã`,
    );
    const nearest = await tableValues(page, 'table-nearest');
    expect(Object.keys(nearest).length).toBeGreaterThan(0);
    for (const [name, row] of Object.entries(nearest)) {
      const code = (await page.locator('#table-nearest tbody th a', { hasText: name }).getAttribute('href'))!
        .split('/')[2]
        .split('?')[0];
      const card = await get('rating', `/api/v1/units/${code}/scorecard?year=${year}`);
      expect(row).toEqual({
        score: raw(card.score),
        provisionalStars: raw(card.provisionalStars),
        nextStars: raw(card.nextStar?.stars ?? null),
        pointsNeeded: raw(card.nextStar?.pointsNeeded ?? null),
      });
    }

    // Timeliness: totals, the monthly trend, and by unit (the drill-down table and chart).
    const dq = `/api/v1/stats/timeliness?unitCode=${PROVINCE}&includeDescendants=true`;
    const byUnit = await get('dossier', `${dq}&groupBy=unit&from=${from}&to=${to}`);
    const t = byUnit.total;
    expect(await kpiValues(page, 'timeliness-kpis')).toEqual({
      received: raw(t.received),
      finished: raw(t.finished),
      onTimeRate: raw(t.onTimeRate),
      lateWithoutApology: raw(t.lateWithoutApology),
      openOverdue: raw(t.openOverdue),
      sameDayRate: raw(t.sameDayRate),
    });
    expect(t.received).toBeGreaterThan(0);
    const units = await tableValues(page, 'table-units');
    expect(units).toEqual(
      Object.fromEntries(
        byUnit.groups.map((g: any) => [
          g.label,
          {
            received: raw(g.received),
            onTimeRate: raw(g.onTimeRate),
            lateWithoutApology: raw(g.lateWithoutApology),
            openOverdue: raw(g.openOverdue),
          },
        ]),
      ),
    );
    expect(await chartData(page, 'chart-units')).toEqual([byUnit.groups.map((g: any) => pct(g.onTimeRate))]);
    const trend = await get('dossier', `${dq}&groupBy=month&from=${yearFrom}&to=${to}`);
    expect(await chartData(page, 'chart-ontime-trend')).toEqual([
      trend.groups.map((g: any) => pct(g.onTimeRate)),
    ]);
    expect(Object.keys(await tableValues(page, 'table-ontime-trend'))).toEqual(
      trend.groups.map((g: any) => g.key),
    );
    expect(await chartData(page, 'chart-timeliness')).toEqual([
      [t.early, t.onTime, t.lateWithApology, t.lateWithoutApology],
    ]);

    // Satisfaction: SIPAS elements and tablet stars.
    const sq = `/api/v1/stats/satisfaction?unitCode=${PROVINCE}&includeDescendants=true&from=${from}&to=${to}`;
    const elements = await get('survey', `${sq}&groupBy=element`);
    expect(Object.values(await tableValues(page, 'table-elements'))).toEqual(
      elements.groups.map((g: any) => ({ valid: raw(g.valid), satisfiedRate: raw(g.satisfiedRate) })),
    );
    expect(await chartData(page, 'chart-tablet-stars')).toEqual([elements.total.stars.counts]);
    expect(await kpiValues(page, 'satisfaction-kpis')).toMatchObject({
      sipasIndexPercent: raw(elements.total.sipasIndexPercent),
      responses: raw(elements.total.responses),
      starsCount: raw(elements.total.stars.count),
      comments: '', // free-text comments are for the unit's staff: a viewer sees no count
    });

    // Queue: waiting and service times by hour of day and weekday, no-shows.
    const qq = `/api/v1/units/${PROVINCE}/queue-stats?includeDescendants=true&from=${from}&to=${to}`;
    const byHour = await get('queue', `${qq}&groupBy=hour`);
    expect(byHour.total.tickets).toBeGreaterThan(0);
    const queueRow = (g: any) => ({
      tickets: raw(g.tickets),
      noShows: raw(g.noShows),
      waitMedian: raw(g.waitSeconds.median),
      waitP90: raw(g.waitSeconds.p90),
      serviceMedian: raw(g.serviceSeconds.median),
      serviceP90: raw(g.serviceSeconds.p90),
    });
    expect(Object.values(await tableValues(page, 'table-queue-hour'))).toEqual(byHour.groups.map(queueRow));
    const byWeekday = await get('queue', `${qq}&groupBy=weekday`);
    expect(Object.values(await tableValues(page, 'table-queue-weekday'))).toEqual(
      byWeekday.groups.map(queueRow),
    );
    expect((await kpiValues(page, 'queue-kpis')).noShows).toBe(raw(byHour.total.noShows));

    // Officers: the smoothed ranking.
    const months = ctx.period.months as string[];
    const officers = await get(
      'rating',
      `/api/v1/units/${PROVINCE}/officers/ranking?from=${months[0]}&to=${months[months.length - 1]}`,
    );
    expect(Object.values(await tableValues(page, 'table-officers'))).toEqual(
      officers.officers.slice(0, 20).map((o: any) => ({
        rank: raw(o.rank),
        count: raw(o.count),
        rawMean: raw(o.rawMean),
        smoothedScore: raw(o.smoothedScore),
      })),
    );

    await page.screenshot({ path: path.join(SHOTS, 'dashboard-province-1366x768.png'), fullPage: true });

    // Drill-down from the chart: a click on another commune's bar opens its dashboard for the same period.
    const idx = byUnit.groups.findIndex((g: any) => g.key !== COMMUNE && g.onTimeRate !== null);
    expect(idx).toBeGreaterThanOrEqual(0);
    const other = byUnit.groups[idx];
    await page.locator('#chart-units').scrollIntoViewIfNeeded();
    const box = (await page.locator('#chart-units').boundingBox())!;
    const [x, y] = await page.evaluate<number[]>(`(() => {
      const chart = echarts.getInstanceByDom(document.getElementById('chart-units'));
      return chart.convertToPixel({ seriesIndex: 0 }, [${pct(other.onTimeRate)} / 2, ${idx}]);
    })()`);
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForURL(`**/dashboard/${other.key}?period=${year}`);
    await ready(page);
    expect(await page.locator('#unit-name').innerText()).toBe(other.label);
    await page.goBack();
    await ready(page);

    // Drill-down: a click on the commune's row in "by unit" opens its dashboard for the same period.
    const communeName = byUnit.groups.find((g: any) => g.key === COMMUNE).label as string;
    await page.locator('#table-units tbody tr', { hasText: communeName }).locator('td').first().click();
    await page.waitForURL(`**/dashboard/${COMMUNE}?period=${year}`);
    await ready(page);
    expect(await page.locator('#unit-name').innerText()).toBe(communeName);
    expect(await page.locator('#crumbs a').innerText()).toBe('Tỉnh Bắc Ninh');
    const commune = await get(
      'dossier',
      `/api/v1/stats/timeliness?unitCode=${COMMUNE}&includeDescendants=true&groupBy=unit&from=${from}&to=${to}`,
    );
    expect((await kpiValues(page, 'timeliness-kpis')).received).toBe(raw(commune.total.received));
    const card = await get('rating', `/api/v1/units/${COMMUNE}/scorecard?year=${year}`);
    expect(Object.values(await tableValues(page, 'table-stars'))).toEqual(
      card.groups.map((g: any) => ({ points: raw(g.points), maxPoints: raw(g.maxPoints) })),
    );
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-commune-1366x768.png'), fullPage: true });

    // On a month the page offers the monthly report of the unit (downloaded with the token).
    await page.goto(`${s.urls.rating}/dashboard/${COMMUNE}?period=${ctx.period.to.slice(0, 7)}`);
    await ready(page);
    expect(await page.locator('#report-link').getAttribute('href')).toBe(
      `/api/v1/units/${COMMUNE}/reports/monthly/${ctx.period.to.slice(0, 7)}.pdf`,
    );
    expect(problems).toEqual([]);
  }, 180_000);

  it('refuses an unknown unit and a period beyond the allowed span, naming them', async () => {
    const page404 = await http('rating').get('/dashboard/99999').expect(404);
    expect(page404.body.message).toContain('99999');
    const future = `${year + 1}-01`;
    const beyond = await http('rating').get(`/dashboard/${PROVINCE}?period=${future}`).expect(400);
    expect(beyond.body.message).toContain(`period ${future} is beyond the allowed span`);
    const malformed = await http('rating')
      .get(`/api/v1/units/${PROVINCE}/dashboard?period=${year}-13`)
      .set('Authorization', viewer)
      .expect(400);
    expect(malformed.body.message).toContain(`period "${year}-13" must be a month YYYY-MM`);
    await http('rating').get(`/api/v1/units/99999/dashboard`).set('Authorization', viewer).expect(404);
    await http('rating').get(`/api/v1/units/${PROVINCE}/dashboard`).expect(401);

    // The page's CSP allows exactly the other services' origins; ECharts comes from this service.
    const html = await http('rating').get(`/dashboard/${PROVINCE}`).expect(200);
    for (const name of ['queue', 'dossier', 'survey'] as const)
      expect(html.headers['content-security-policy']).toContain(s.urls[name]);
    await http('rating')
      .get('/pages/dashboard/echarts.min.js')
      .expect(200)
      .expect('content-type', /javascript/);

    // The monthly report of the demo province and of a commune for this month renders (figures: the int spec).
    const month = (await get('rating', `/api/v1/units/${PROVINCE}/dashboard`)).period.period as string;
    for (const code of [PROVINCE, COMMUNE]) {
      const res = await http('rating')
        .get(`/api/v1/units/${code}/reports/monthly/${month}.pdf`)
        .set('Authorization', viewer)
        .buffer(true)
        .parse(binaryBody)
        .expect(200)
        .expect('content-type', 'application/pdf');
      expect(await pdfText(res.body as Buffer)).toContain(
        `BÁO CÁO THÁNG ${Number(month.slice(5))}/${month.slice(0, 4)}`,
      );
      console.log(
        `monthly report ${code} ${month}: ${(res.body as Buffer).length} bytes, ${res.headers['server-timing']}`,
      );
    }

    // Without a token the page says how to get one.
    const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    const bare = await fresh.newPage();
    await bare.goto(`${s.urls.rating}/dashboard/${PROVINCE}`);
    await bare.locator('#setup').waitFor();
    expect(await bare.locator('#setup-title').innerText()).toBe('Cần mã truy cập để xem bảng điều hành');
    await fresh.close();
  }, 60_000);
});
