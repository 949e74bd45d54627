// The leaders' dashboard: /dashboard/{unitCode}?period=2026-11 (README.md beside this file).
//
// Reads, with the leader's token (handed over once as #token=…, kept in localStorage), the context from this
// service (unit, children, period, where the other services are), then each service's own REST statistics:
// rating (certification, scorecards, officers), dossier (timeliness), survey (satisfaction), queue (waiting).
// Every chart has a table beside it with the same numbers; each number cell carries the API's raw value in
// data-value. Clicking a unit's bar or row opens that unit's dashboard for the same period.
/* global echarts */
import { $, api, ApiError, el, pageToken, pathSegment } from '/pages/dashboard/page-kit.js';

const unitCode = pathSegment(1);
const token = pageToken();
const query = new URLSearchParams(location.search);
const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const charts = [];

const STAR_LABEL = ['Chưa đạt', '1 sao', '2 sao', '3 sao', '4 sao', '5 sao'];
const ELEMENT_LABEL = {
  ACCESS: 'Tiếp cận dịch vụ',
  PROCEDURE: 'Thủ tục hành chính',
  OFFICER: 'Công chức phục vụ',
  RESULT: 'Kết quả giải quyết',
  FEEDBACK: 'Tiếp nhận, xử lý góp ý',
};
const WEEKDAY_LABEL = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
const LEVEL_LABEL = { PROVINCE: 'Tỉnh', DISTRICT: 'Huyện', COMMUNE: 'Xã/phường' };

// ---- formatting ---------------------------------------------------------------------------------------

const num = (v) => (v === null || v === undefined ? '—' : vi.format(v));
const pct = (rate) => (rate === null || rate === undefined ? '—' : `${vi.format(rate * 100)} %`);
const pct100 = (p) => (p === null || p === undefined ? '—' : `${vi.format(p)} %`);
const minutes = (s) => (s === null || s === undefined ? '—' : `${vi.format(s / 60)} phút`);
const toMinutes = (s) => (s === null || s === undefined ? null : Math.round((s / 60) * 10) / 10);
const asPercent = (rate) => (rate === null || rate === undefined ? null : Math.round(rate * 10000) / 100);
const dmy = (d) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const dashboardUrl = (code, period) =>
  `/dashboard/${encodeURIComponent(code)}?period=${encodeURIComponent(period)}`;

function periodTitle(p) {
  const range = `${dmy(p.from)} – ${dmy(p.to)}${p.current ? ' (đến hôm nay)' : ''}`;
  if (p.kind === 'month') return `Tháng ${Number(p.period.slice(5, 7))}/${p.year}, ${range}`;
  if (p.kind === 'quarter') return `Quý ${p.period.slice(6)}/${p.year}, ${range}`;
  return `Năm ${p.year}, ${range}`;
}

// ---- tables and charts --------------------------------------------------------------------------------

/**
 * Fills a table: columns [{label, value(row) → raw API number or text, format?, link?(row)}]; number cells
 * show the formatted value and keep the raw one in data-value.
 */
function fillTable(id, caption, columns, rows, { rowLink } = {}) {
  const table = $(id);
  table.replaceChildren(el('caption', { id: `${id}-caption` }, caption));
  table.append(
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        columns.map((c) => el('th', { scope: 'col', class: c.format ? 'num' : '' }, c.label)),
      ),
    ),
  );
  const body = el('tbody');
  for (const row of rows) {
    const link = rowLink?.(row);
    body.append(
      el(
        'tr',
        link ? { dataset: { href: link } } : {},
        columns.map((c, i) => {
          const raw = c.value(row);
          const text = c.format ? c.format(raw) : String(raw ?? '—');
          const cell = i === 0 ? el('th', { scope: 'row' }) : el('td', { class: c.format ? 'num' : '' });
          if (c.format) cell.dataset.value = raw === null || raw === undefined ? '' : String(raw);
          if (c.key) cell.dataset.key = c.key;
          cell.append(i === 0 && link ? el('a', { href: link }, text) : text);
          return cell;
        }),
      ),
    );
  }
  if (!rows.length)
    body.append(el('tr', {}, el('td', { colspan: columns.length }, 'Chưa có số liệu trong kỳ.')));
  table.append(body);
  if (rows.length > 12 && !table.parentElement.classList.contains('table-scroll')) {
    const wrap = el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': caption });
    table.replaceWith(wrap);
    wrap.append(table);
  }
}

function drawChart(id, option, onClick) {
  const node = $(id);
  const chart = echarts.init(node, null, { renderer: 'svg' });
  // Tooltips drawn inside the chart (richText), not as an HTML overlay: the overlay's inline styles are refused
  // by the page's CSP (style-src 'self').
  const tooltip = option.tooltip && { ...option.tooltip, renderMode: 'richText' };
  chart.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option, tooltip });
  if (onClick) chart.on('click', onClick);
  charts.push(chart);
  return chart;
}

const barOption = ({ categories, series, yName, max, horizontal = false, legend = series.length > 1 }) => {
  const cat = {
    type: 'category',
    data: categories,
    axisLabel: { interval: 0, width: 110, overflow: 'truncate' },
  };
  const val = { type: 'value', name: yName, max };
  return {
    tooltip: { trigger: 'axis' },
    legend: legend ? { top: 0 } : undefined,
    grid: { left: horizontal ? 130 : 48, right: 16, top: legend ? 32 : 24, bottom: 48 },
    xAxis: horizontal ? val : cat,
    yAxis: horizontal ? { ...cat, inverse: true } : val,
    series: series.map((s) => ({ type: 'bar', ...s })),
  };
};

const lineOption = ({ categories, series, yName, max }) => ({
  tooltip: { trigger: 'axis' },
  legend: series.length > 1 ? { top: 0 } : undefined,
  grid: { left: 48, right: 16, top: 32, bottom: 32 },
  xAxis: { type: 'category', data: categories },
  yAxis: { type: 'value', name: yName, max },
  series: series.map((s) => ({ type: 'line', connectNulls: true, ...s })),
});

function kpis(id, items) {
  $(id).replaceChildren(
    ...items.map(([label, text, raw, key]) =>
      el('div', {}, el('dt', {}, label), el('dd', { dataset: { key, value: raw ?? '' } }, text)),
    ),
  );
}

function denied(section, e) {
  const msg =
    e instanceof ApiError && e.status === 403
      ? 'Tài khoản này không được xem phần này.'
      : `Không tải được số liệu: ${e.message}`;
  const box = $(section);
  box.querySelectorAll('.pair, table, dl, h3').forEach((n) => (n.hidden = true));
  box.append(el('p', { class: 'denied', dataset: { status: e.status ?? '' } }, msg));
}

// ---- sections -----------------------------------------------------------------------------------------

async function certification(ctx) {
  const { unit, period } = ctx;
  const r = (p) => api(`/api/v1/units/${encodeURIComponent(unit.code)}/${p}`, { token });
  if (unit.level === 'COMMUNE') return communeScorecard(ctx, await r(`scorecard?year=${period.year}`));
  const [progress, ranking] = await Promise.all([
    r(`certification-progress?year=${period.year}`),
    r(`ranking?year=${period.year}&level=COMMUNE&limit=5000`),
  ]);
  const target =
    progress.target === null
      ? 'chưa đặt mục tiêu cho năm này'
      : `mục tiêu năm ${period.year}: ${pct(progress.target)} số xã — ${progress.met ? 'đã đạt' : 'chưa đạt'}`;
  $('certification-summary').textContent =
    `Năm ${period.year}: ${progress.certified}/${progress.total} xã, phường được công nhận (${pct(progress.share)}); ` +
    `${progress.pending} chưa chấm xong; ${target}.`;
  const rows = [0, 1, 2, 3, 4, 5].map((s) => ({
    label: STAR_LABEL[s],
    key: String(s),
    count: progress.byStars[s],
  }));
  rows.push({ label: 'Chưa chấm xong', key: 'pending', count: progress.pending });
  fillTable(
    'table-stars',
    `Số xã, phường theo số sao, năm ${period.year}`,
    [
      { label: 'Mức', value: (x) => x.label },
      { label: 'Số đơn vị', value: (x) => x.count, format: num, key: 'count' },
    ],
    rows,
  );
  drawChart(
    'chart-stars',
    barOption({
      categories: rows.map((x) => x.label),
      series: [{ name: 'Số đơn vị', data: rows.map((x) => x.count), itemStyle: { color: '#12375f' } }],
    }),
  );

  // Closest to their next star: the level each score gives, against its scheme's thresholds.
  const schemes = new Map();
  for (const code of new Set(ranking.items.map((i) => i.schemeCode)))
    schemes.set(code, await api(`/api/v1/schemes/${encodeURIComponent(code)}`, { token }));
  const nearest = ranking.items
    .map((i) => {
      const next = [...schemes.get(i.schemeCode).thresholds]
        .sort((a, b) => a.stars - b.stars)
        .find((t) => t.stars > i.provisionalStars);
      return next ? { item: i, gap: next.minScore - i.score } : null;
    })
    .filter(Boolean)
    .sort((a, b) => a.gap - b.gap || a.item.code.localeCompare(b.item.code))
    .slice(0, 5);
  const cards = await Promise.all(
    nearest.map((n) =>
      api(`/api/v1/units/${encodeURIComponent(n.item.code)}/scorecard?year=${period.year}`, { token }),
    ),
  );
  nearestTable(cards, period);
}

function nearestTable(cards, period) {
  fillTable(
    'table-nearest',
    'Đơn vị gần đạt sao tiếp theo nhất và các tiêu chí có thể cải thiện',
    [
      { label: 'Đơn vị', value: (c) => c.unit.name },
      { label: 'Điểm', value: (c) => c.score, format: num, key: 'score' },
      { label: 'Sao (tạm tính)', value: (c) => c.provisionalStars, format: num, key: 'provisionalStars' },
      { label: 'Sao tiếp theo', value: (c) => c.nextStar?.stars ?? null, format: num, key: 'nextStars' },
      {
        label: 'Còn thiếu (điểm)',
        value: (c) => c.nextStar?.pointsNeeded ?? null,
        format: num,
        key: 'pointsNeeded',
      },
      {
        label: 'Có thể cải thiện ở',
        value: (c) =>
          [
            ...(c.nextStar?.opportunities ?? []).map((o) => `${o.code} ${o.title} (+${num(o.gainable)})`),
            ...(c.missingAssessments.length
              ? [`${c.missingAssessments.length} tiêu chí chưa được thẩm định`]
              : []),
          ].join('; ') || '—',
      },
    ],
    cards,
    { rowLink: (c) => dashboardUrl(c.unit.code, period.period) },
  );
}

function communeScorecard(ctx, card) {
  const { period } = ctx;
  $('certification-summary').textContent =
    `Năm ${period.year}: ${num(card.score)}/${num(card.totalPoints)} điểm, ` +
    (card.provisional
      ? `tạm tính ${card.provisionalStars} sao (còn ${card.missingAssessments.length} tiêu chí chưa thẩm định)`
      : `đạt ${card.stars} sao`) +
    (card.nextStar
      ? `; còn thiếu ${num(card.nextStar.pointsNeeded)} điểm để đạt ${card.nextStar.stars} sao.`
      : '.');
  fillTable(
    'table-stars',
    `Điểm theo nhóm tiêu chí, năm ${period.year}`,
    [
      { label: 'Nhóm tiêu chí', value: (g) => g.title },
      { label: 'Điểm', value: (g) => g.points, format: num, key: 'points' },
      { label: 'Tối đa', value: (g) => g.maxPoints, format: num, key: 'maxPoints' },
    ],
    card.groups,
  );
  drawChart(
    'chart-stars',
    barOption({
      categories: card.groups.map((g) => g.title),
      horizontal: true,
      series: [
        { name: 'Điểm', data: card.groups.map((g) => g.points), itemStyle: { color: '#12375f' } },
        { name: 'Tối đa', data: card.groups.map((g) => g.maxPoints), itemStyle: { color: '#c9d6e3' } },
      ],
    }),
  );
  nearestTable([card], period);
}

async function timeliness(ctx) {
  const { unit, period, services } = ctx;
  const base = `${services.dossier}/api/v1/stats/timeliness?unitCode=${encodeURIComponent(unit.code)}&includeDescendants=true`;
  const [trend, byUnit] = await Promise.all([
    api(`${base}&groupBy=month&from=${period.yearFrom}&to=${period.to}`, { token }),
    api(`${base}&groupBy=unit&from=${period.from}&to=${period.to}`, { token }),
  ]);
  const t = byUnit.total;
  kpis('timeliness-kpis', [
    ['Hồ sơ tiếp nhận', num(t.received), t.received, 'received'],
    ['Đã giải quyết', num(t.finished), t.finished, 'finished'],
    ['Tỷ lệ đúng hạn', pct(t.onTimeRate), t.onTimeRate, 'onTimeRate'],
    ['Trễ hạn chưa xin lỗi', num(t.lateWithoutApology), t.lateWithoutApology, 'lateWithoutApology'],
    [`Đang quá hạn (${dmy(byUnit.openAsOf)})`, num(t.openOverdue), t.openOverdue, 'openOverdue'],
    ['Giải quyết trong ngày đúng hẹn', pct(t.sameDayRate), t.sameDayRate, 'sameDayRate'],
  ]);
  fillTable(
    'table-ontime-trend',
    `Tỷ lệ đúng hạn theo tháng, năm ${period.year}`,
    [
      { label: 'Tháng', value: (g) => g.key },
      { label: 'Tiếp nhận', value: (g) => g.received, format: num, key: 'received' },
      { label: 'Đã giải quyết', value: (g) => g.finished, format: num, key: 'finished' },
      { label: 'Đúng hạn', value: (g) => g.onTimeRate, format: pct, key: 'onTimeRate' },
    ],
    trend.groups,
  );
  drawChart(
    'chart-ontime-trend',
    lineOption({
      categories: trend.groups.map((g) => g.key),
      yName: '%',
      max: 100,
      series: [{ name: 'Tỷ lệ đúng hạn (%)', data: trend.groups.map((g) => asPercent(g.onTimeRate)) }],
    }),
  );
  const split = [
    { label: 'Trước hạn', key: 'early', n: t.early },
    { label: 'Đúng hạn', key: 'onTime', n: t.onTime },
    { label: 'Trễ hạn (có xin lỗi)', key: 'lateWithApology', n: t.lateWithApology },
    { label: 'Trễ hạn (chưa xin lỗi)', key: 'lateWithoutApology', n: t.lateWithoutApology },
  ];
  fillTable(
    'table-timeliness',
    'Hồ sơ đã giải quyết trong kỳ: trước hạn, đúng hạn, trễ hạn',
    [
      { label: 'Kết quả', value: (x) => x.label },
      { label: 'Số hồ sơ', value: (x) => x.n, format: num, key: 'count' },
    ],
    split,
  );
  drawChart('chart-timeliness', {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    color: ['#1b7f3b', '#3b82c4', '#e0a100', '#b3261e'],
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        label: { formatter: '{c}' },
        data: split.map((x) => ({ name: x.label, value: x.n })),
      },
    ],
  });
  const groups = byUnit.groups;
  fillTable(
    'table-units',
    'Theo đơn vị (bấm để xem đơn vị)',
    [
      { label: 'Đơn vị', value: (g) => g.label },
      { label: 'Tiếp nhận', value: (g) => g.received, format: num, key: 'received' },
      { label: 'Đúng hạn', value: (g) => g.onTimeRate, format: pct, key: 'onTimeRate' },
      {
        label: 'Trễ chưa xin lỗi',
        value: (g) => g.lateWithoutApology,
        format: num,
        key: 'lateWithoutApology',
      },
      { label: 'Đang quá hạn', value: (g) => g.openOverdue, format: num, key: 'openOverdue' },
    ],
    groups,
    { rowLink: (g) => dashboardUrl(g.key, period.period) },
  );
  drawChart(
    'chart-units',
    barOption({
      categories: groups.map((g) => g.label),
      horizontal: true,
      yName: '%',
      max: 100,
      series: [
        {
          name: 'Tỷ lệ đúng hạn (%)',
          data: groups.map((g) => ({ value: asPercent(g.onTimeRate), unitCode: g.key })),
          itemStyle: { color: '#1b7f3b' },
          cursor: 'pointer',
        },
      ],
    }),
    (e) => e.data?.unitCode && location.assign(dashboardUrl(e.data.unitCode, period.period)),
  );
}

async function satisfaction(ctx) {
  const { unit, period, services } = ctx;
  const code = encodeURIComponent(unit.code);
  const base = `${services.survey}/api/v1/stats/satisfaction?unitCode=${code}&includeDescendants=true`;
  const [elements, trend, comments] = await Promise.all([
    api(`${base}&groupBy=element&from=${period.from}&to=${period.to}`, { token }),
    api(`${base}&groupBy=month&from=${period.yearFrom}&to=${period.to}`, { token }),
    // Free-text comments are for the unit's staff only: a leader's viewer token gets 403 and sees no count.
    api(
      `${services.survey}/api/v1/units/${code}/comments?includeDescendants=true&from=${period.from}&to=${period.to}&limit=1`,
      { token },
    ).catch((e) => (e instanceof ApiError && e.status === 403 ? null : Promise.reject(e))),
  ]);
  const t = elements.total;
  kpis('satisfaction-kpis', [
    ['Chỉ số SIPAS', pct100(t.sipasIndexPercent), t.sipasIndexPercent, 'sipasIndexPercent'],
    ['Phiếu khảo sát', num(t.responses), t.responses, 'responses'],
    ['Đánh giá trên máy tính bảng', num(t.stars.count), t.stars.count, 'starsCount'],
    ['Số sao trung bình', num(t.stars.mean), t.stars.mean, 'starsMean'],
    ['Góp ý bằng lời', comments ? num(comments.total) : 'không có quyền xem', comments?.total, 'comments'],
  ]);
  fillTable(
    'table-elements',
    'Tỷ lệ hài lòng theo yếu tố SIPAS',
    [
      { label: 'Yếu tố', value: (g) => ELEMENT_LABEL[g.element] ?? g.element },
      { label: 'Số trả lời', value: (g) => g.valid, format: num, key: 'valid' },
      { label: 'Hài lòng', value: (g) => g.satisfiedRate, format: pct, key: 'satisfiedRate' },
    ],
    elements.groups,
  );
  drawChart(
    'chart-elements',
    barOption({
      categories: elements.groups.map((g) => ELEMENT_LABEL[g.element] ?? g.element),
      horizontal: true,
      yName: '%',
      max: 100,
      series: [{ name: 'Hài lòng (%)', data: elements.groups.map((g) => asPercent(g.satisfiedRate)) }],
    }),
  );
  const stars = [1, 2, 3, 4, 5].map((s) => ({ label: `${s} sao`, n: t.stars.counts[s - 1] }));
  fillTable(
    'table-tablet-stars',
    'Đánh giá trên máy tính bảng tại quầy',
    [
      { label: 'Mức', value: (x) => x.label },
      { label: 'Số lượt', value: (x) => x.n, format: num, key: 'count' },
    ],
    stars,
  );
  drawChart(
    'chart-tablet-stars',
    barOption({
      categories: stars.map((x) => x.label),
      series: [{ name: 'Số lượt', data: stars.map((x) => x.n), itemStyle: { color: '#e0a100' } }],
    }),
  );
  fillTable(
    'table-sipas-trend',
    `Chỉ số SIPAS theo tháng, năm ${period.year}`,
    [
      { label: 'Tháng', value: (g) => g.month },
      { label: 'Phiếu', value: (g) => g.responses, format: num, key: 'responses' },
      { label: 'Chỉ số SIPAS', value: (g) => g.sipasIndexPercent, format: pct100, key: 'sipasIndexPercent' },
    ],
    trend.groups,
  );
  drawChart(
    'chart-sipas-trend',
    lineOption({
      categories: trend.groups.map((g) => g.month),
      yName: '%',
      max: 100,
      series: [{ name: 'Chỉ số SIPAS (%)', data: trend.groups.map((g) => g.sipasIndexPercent) }],
    }),
  );
}

async function queue(ctx) {
  const { unit, period, services } = ctx;
  const base = `${services.queue}/api/v1/units/${encodeURIComponent(unit.code)}/queue-stats?includeDescendants=true&from=${period.from}&to=${period.to}`;
  const [byHour, byWeekday] = await Promise.all([
    api(`${base}&groupBy=hour`, { token }),
    api(`${base}&groupBy=weekday`, { token }),
  ]);
  const t = byHour.total;
  kpis('queue-kpis', [
    ['Số phiếu', num(t.tickets), t.tickets, 'tickets'],
    ['Đã phục vụ', num(t.served), t.served, 'served'],
    ['Vắng mặt khi gọi', num(t.noShows), t.noShows, 'noShows'],
    ['Chờ (trung vị)', minutes(t.waitSeconds.median), t.waitSeconds.median, 'waitMedian'],
    ['Chờ (P90)', minutes(t.waitSeconds.p90), t.waitSeconds.p90, 'waitP90'],
    ['Phục vụ (trung vị)', minutes(t.serviceSeconds.median), t.serviceSeconds.median, 'serviceMedian'],
  ]);
  const columns = (first, label) => [
    { label: first, value: label },
    { label: 'Phiếu', value: (g) => g.tickets, format: num, key: 'tickets' },
    { label: 'Vắng', value: (g) => g.noShows, format: num, key: 'noShows' },
    { label: 'Chờ trung vị', value: (g) => g.waitSeconds.median, format: minutes, key: 'waitMedian' },
    { label: 'Chờ P90', value: (g) => g.waitSeconds.p90, format: minutes, key: 'waitP90' },
    {
      label: 'Phục vụ trung vị',
      value: (g) => g.serviceSeconds.median,
      format: minutes,
      key: 'serviceMedian',
    },
    { label: 'Phục vụ P90', value: (g) => g.serviceSeconds.p90, format: minutes, key: 'serviceP90' },
  ];
  const series = (groups) => [
    { name: 'Chờ trung vị', data: groups.map((g) => toMinutes(g.waitSeconds.median)) },
    { name: 'Chờ P90', data: groups.map((g) => toMinutes(g.waitSeconds.p90)) },
    { name: 'Phục vụ trung vị', data: groups.map((g) => toMinutes(g.serviceSeconds.median)) },
    { name: 'Phục vụ P90', data: groups.map((g) => toMinutes(g.serviceSeconds.p90)) },
  ];
  const hourLabel = (g) => `${String(g.key).padStart(2, '0')}h`;
  fillTable(
    'table-queue-hour',
    'Thời gian chờ và phục vụ theo giờ trong ngày',
    columns('Giờ', hourLabel),
    byHour.groups,
  );
  drawChart(
    'chart-queue-hour',
    barOption({ categories: byHour.groups.map(hourLabel), yName: 'phút', series: series(byHour.groups) }),
  );
  const dayLabel = (g) => WEEKDAY_LABEL[g.key] ?? String(g.key);
  fillTable('table-queue-weekday', 'Theo ngày trong tuần', columns('Ngày', dayLabel), byWeekday.groups);
  drawChart(
    'chart-queue-weekday',
    barOption({
      categories: byWeekday.groups.map(dayLabel),
      yName: 'phút',
      series: series(byWeekday.groups),
    }),
  );
}

async function officers(ctx) {
  const { unit, period } = ctx;
  const from = period.months[0];
  const to = period.months[period.months.length - 1];
  const r = await api(
    `/api/v1/units/${encodeURIComponent(unit.code)}/officers/ranking?from=${from}&to=${to}`,
    {
      token,
    },
  );
  $('officers-note').textContent =
    `Điểm đã làm trơn (cận dưới Dirichlet) từ đánh giá sao của người dân, ${from} đến ${to}; ` +
    `điểm trung bình của đơn vị: ${num(r.unitMean)}.`;
  const top = r.officers.slice(0, 20);
  fillTable(
    'table-officers',
    'Xếp hạng cán bộ',
    [
      { label: 'Cán bộ', value: (o) => o.officerId },
      { label: 'Hạng', value: (o) => o.rank, format: num, key: 'rank' },
      { label: 'Lượt đánh giá', value: (o) => o.count, format: num, key: 'count' },
      { label: 'Trung bình', value: (o) => o.rawMean, format: num, key: 'rawMean' },
      { label: 'Điểm làm trơn', value: (o) => o.smoothedScore, format: num, key: 'smoothedScore' },
    ],
    top,
  );
  drawChart(
    'chart-officers',
    barOption({
      categories: top.map((o) => o.officerId),
      horizontal: true,
      max: 5,
      series: [{ name: 'Điểm làm trơn', data: top.map((o) => Math.round(o.smoothedScore * 100) / 100) }],
    }),
  );
}

// ---- the monthly report (PDF, with the token: a plain link could not carry it) ------------------------

function reportLink(ctx) {
  if (ctx.period.kind !== 'month') return;
  const link = $('report-link');
  const url = `/api/v1/units/${encodeURIComponent(ctx.unit.code)}/reports/monthly/${ctx.period.period}.pdf`;
  link.href = url;
  link.hidden = false;
  link.addEventListener('click', async (e) => {
    e.preventDefault();
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    if (!res.ok) return showError(`Không tạo được báo cáo (HTTP ${res.status}).`);
    const a = el('a', {
      href: URL.createObjectURL(await res.blob()),
      download: `bao-cao-${ctx.unit.code}-${ctx.period.period}.pdf`,
    });
    a.click();
  });
}

// ---- start --------------------------------------------------------------------------------------------

function showError(text) {
  $('error').textContent = text;
  $('error').hidden = false;
}

async function start() {
  if (!token) {
    $('setup-url').textContent = location.origin + location.pathname + location.search;
    $('setup').hidden = false;
    $('unit-name').textContent = 'Bảng điều hành';
    return;
  }
  let ctx;
  try {
    const p = query.get('period');
    ctx = await api(
      `/api/v1/units/${encodeURIComponent(unitCode)}/dashboard${p ? `?period=${encodeURIComponent(p)}` : ''}`,
      {
        token,
      },
    );
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      $('setup-url').textContent = location.origin + location.pathname + location.search;
      $('setup').hidden = false;
      return showError('Mã truy cập đã hết hạn hoặc không hợp lệ.');
    }
    return showError(`Không mở được bảng điều hành: ${e.message}`);
  }
  const { unit, parent, period } = ctx;
  document.title = `${unit.name} – Bảng điều hành`;
  $('unit-name').textContent = unit.name;
  $('period-label').textContent = `${LEVEL_LABEL[unit.level] ?? unit.level} · ${periodTitle(period)}`;
  $('period-input').value = period.period;
  if (parent)
    $('crumbs').append('↑ ', el('a', { href: dashboardUrl(parent.code, period.period) }, parent.name));
  reportLink(ctx);
  $('main').hidden = false;
  const sections = { certification, timeliness, satisfaction, queue, officers };
  await Promise.all(
    Object.entries(sections).map(([id, load]) =>
      load(ctx).then(
        () => $(id).setAttribute('data-loaded', 'true'),
        (e) => {
          denied(id, e);
          $(id).setAttribute('data-loaded', 'error');
        },
      ),
    ),
  );
  document.body.dataset.ready = 'true';
}

// A row of a drill-down table opens its unit, wherever it is clicked.
document.addEventListener('click', (e) => {
  const row = e.target.closest?.('tr[data-href]');
  if (row && !e.target.closest('a')) location.assign(row.dataset.href);
});
window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
void start();
