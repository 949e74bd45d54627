import * as echarts from 'echarts';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { formatLocal } from '@fg/kernel';
import type { MonthlyReportFigures } from '../domain';

// The fonts of the dossier service's letters: DejaVu Sans covers every Vietnamese letter with its diacritics.
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export interface MonthlyReportDocument {
  /** Issuing-body lines over the unit (councilHeader). */
  header: string[];
  unitName: string;
  figures: MonthlyReportFigures;
  generatedAt: Date;
}

const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });
const n = (v: number | null): string => (v === null ? '—' : vi.format(v));
const pct = (v: number | null): string => (v === null ? '—' : `${vi.format(v)} %`);
const minutes = (v: number | null): string => (v === null ? '—' : `${vi.format(v)} phút`);

/** A chart drawn by Apache ECharts without a DOM (server-side rendering to SVG), as the dashboard draws it. */
function chartSvg(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: 'DejaVu Sans', fontSize: 10 }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/**
 * The monthly report of a unit as an A4 PDF in Vietnamese (issue #20): the figures a commune reports upward,
 * each section a table of label and value, with three charts (the year's on-time rate by month, dossiers by
 * channel, satisfaction by SIPAS element) rendered by ECharts to SVG and embedded as vector graphics.
 */
export function renderMonthlyReportPdf(r: MonthlyReportDocument): Promise<Buffer> {
  const f = r.figures;
  const [year, month] = f.month.split('-').map(Number);
  const title = `BÁO CÁO THÁNG ${month}/${year}`;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 56, right: 48 },
    info: { Title: `${title} – ${r.unitName}`, Author: r.unitName },
  });
  doc.registerFont('regular', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };

  // Heading: the issuing body and the national motto, as on the administrative forms.
  const top = doc.y;
  doc.font('bold').fontSize(10);
  doc.text(r.header.join('\n'), left, top, { width: width / 2 - 10, align: 'center' });
  const afterLeft = doc.y;
  doc.text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', left + width / 2, top, {
    width: width / 2,
    align: 'center',
  });
  doc.text('Độc lập - Tự do - Hạnh phúc', { width: width / 2, align: 'center' });
  doc.y = Math.max(afterLeft, doc.y) + 16;
  doc.fontSize(14).text(title, left, doc.y, { width, align: 'center' });
  doc
    .font('regular')
    .fontSize(11)
    .text(`Kết quả thực hiện mô hình Chính quyền thân thiện – ${r.unitName}`, { width, align: 'center' });
  doc.moveDown(1);

  const section = (heading: string) => {
    ensure(60);
    doc.moveDown(0.4);
    doc.font('bold').fontSize(12).text(heading, left, doc.y, { width });
    doc.moveDown(0.2);
  };
  const rows = (items: [string, string][]) => {
    doc.font('regular').fontSize(10.5);
    for (const [label, value] of items) {
      ensure(16);
      const y = doc.y;
      doc.text(label, left + 12, y, { width: width * 0.62 });
      const afterLabel = doc.y;
      doc.text(value, left + width * 0.64, y, { width: width * 0.36 - 4, align: 'right' });
      doc.y = Math.max(afterLabel, doc.y) + 1;
    }
  };
  const chart = (option: echarts.EChartsOption, height = 190) => {
    ensure(height + 8);
    const y = doc.y + 4;
    SVGtoPDF(doc, chartSvg(option, Math.round(width), height), left, y, { fontCallback: () => 'regular' });
    doc.y = y + height + 4;
  };

  const d = f.dossiers;
  section('I. Tiếp nhận và giải quyết hồ sơ thủ tục hành chính');
  rows([
    ['Hồ sơ tiếp nhận trong tháng', n(d.received)],
    ['  – tại bộ phận một cửa', n(d.byChannel.counter)],
    ['  – trực tuyến', n(d.byChannel.online)],
    ['  – qua dịch vụ bưu chính', n(d.byChannel.postal)],
    ['  – tại nhà (người cao tuổi, khuyết tật)', n(d.byChannel.home)],
    ['Hồ sơ đã giải quyết', n(d.finished)],
    ['  – trước hạn', n(d.early)],
    ['  – đúng hạn', n(d.onTime)],
    ['  – trễ hạn', n(d.late)],
    ['Tỷ lệ giải quyết đúng hạn', pct(d.onTimeRate)],
    ['Tỷ lệ trả kết quả trong ngày (thủ tục trong ngày)', pct(d.sameDayRate)],
    ['Hồ sơ đang quá hạn cuối tháng', n(d.openOverdue)],
    ['Yêu cầu bổ sung hồ sơ lần thứ hai trở lên', n(d.repeatedSupplements)],
  ]);
  chart({
    title: {
      text: `Tỷ lệ đúng hạn theo tháng, năm ${year} (%)`,
      left: 'center',
      textStyle: { fontSize: 11 },
    },
    grid: { left: 40, right: 10, top: 34, bottom: 24 },
    xAxis: { type: 'category', data: f.trend.map((t) => `T${Number(t.month.slice(5))}`) },
    yAxis: { type: 'value', max: 100 },
    series: [
      {
        type: 'bar',
        data: f.trend.map((t) => t.onTimeRate),
        label: { show: true, position: 'top', fontSize: 9 },
        itemStyle: { color: '#1b7f3b' },
      },
    ],
  });
  chart(
    {
      title: { text: 'Hồ sơ tiếp nhận theo kênh', left: 'center', textStyle: { fontSize: 11 } },
      grid: { left: 140, right: 30, top: 30, bottom: 10 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: ['Tại một cửa', 'Trực tuyến', 'Bưu chính', 'Tại nhà'],
      },
      series: [
        {
          type: 'bar',
          data: [d.byChannel.counter, d.byChannel.online, d.byChannel.postal, d.byChannel.home],
          label: { show: true, position: 'right', fontSize: 9 },
          itemStyle: { color: '#12375f' },
        },
      ],
    },
    140,
  );

  section('II. Xin lỗi và cảm ơn');
  rows([
    ['Hồ sơ trễ hạn đã có thư xin lỗi', n(d.lateWithApology)],
    ['Hồ sơ trễ hạn chưa có thư xin lỗi', n(d.lateWithoutApology)],
    ['Thư xin lỗi đã gửi trong tháng', n(f.letters.apologies)],
    ['Thư cảm ơn đã gửi trong tháng', n(f.letters.thanks)],
  ]);

  const s = f.satisfaction;
  section('III. Mức độ hài lòng của người dân');
  rows([
    ['Phiếu khảo sát SIPAS', n(s.responses)],
    ['Chỉ số hài lòng SIPAS', pct(s.sipasIndexPercent)],
    ...s.byElement.map((e): [string, string] => [`  – ${e.label}`, pct(e.satisfiedPercent)]),
    ['Đánh giá trên máy tính bảng tại quầy', n(s.ratings)],
    ['Số sao trung bình', n(s.starMean)],
  ]);
  chart(
    {
      title: { text: 'Tỷ lệ hài lòng theo yếu tố SIPAS (%)', left: 'center', textStyle: { fontSize: 11 } },
      grid: { left: 150, right: 40, top: 30, bottom: 10 },
      xAxis: { type: 'value', max: 100 },
      yAxis: { type: 'category', inverse: true, data: s.byElement.map((e) => e.label) },
      series: [
        {
          type: 'bar',
          data: s.byElement.map((e) => e.satisfiedPercent),
          label: { show: true, position: 'right', fontSize: 9 },
          itemStyle: { color: '#3b82c4' },
        },
      ],
    },
    150,
  );

  const q = f.queue;
  section('IV. Xếp hàng tại bộ phận một cửa');
  rows([
    ['Lượt công dân đã được phục vụ', n(q.served)],
    ['Thời gian chờ trung bình', minutes(q.meanWaitMinutes)],
    ['Thời gian chờ của 90 % lượt (P90)', minutes(q.p90WaitMinutes)],
    ['Thời gian phục vụ trung bình', minutes(q.meanServiceMinutes)],
  ]);

  const c = f.stars;
  section(`V. Xếp hạng Chính quyền thân thiện năm ${year}`);
  rows([
    ['Điểm hiện tại', `${n(c.score)}/${n(c.totalPoints)}`],
    [
      c.provisional ? 'Số sao (tạm tính, chưa thẩm định đủ)' : 'Số sao đạt được',
      n(c.provisional ? c.provisionalStars : c.stars),
    ],
    ...(c.missingAssessments.length
      ? [['Tiêu chí chưa được thẩm định', n(c.missingAssessments.length)] as [string, string]]
      : []),
    ...(c.nextStar
      ? ([
          [
            `Còn thiếu để đạt ${c.nextStar.stars} sao (từ ${n(c.nextStar.minScore)} điểm)`,
            `${n(c.nextStar.pointsNeeded)} điểm`,
          ],
        ] as [string, string][])
      : []),
  ]);
  if (c.nextStar?.opportunities.length) {
    doc.font('regular').fontSize(10).moveDown(0.2);
    ensure(16);
    doc.text('Các tiêu chí có thể cải thiện nhiều điểm nhất:', left + 12, doc.y, { width: width - 12 });
    for (const o of c.nextStar.opportunities) {
      ensure(14);
      doc.text(`• ${o.code} ${o.title} (còn ${n(o.gainable)} điểm)`, left + 24, doc.y, { width: width - 24 });
    }
  }

  doc.moveDown(1);
  ensure(30);
  doc
    .font('regular')
    .fontSize(8.5)
    .fillColor('#555555')
    .text(
      `Số liệu do hệ thống tổng hợp từ các sự kiện đã nhận đến ${formatLocal(r.generatedAt)} (giờ Việt Nam); ` +
        'đơn vị có nhiều cấp được cộng cả các đơn vị trực thuộc và đơn vị đã sáp nhập vào.',
      left,
      doc.y,
      { width },
    );
  doc.end();
  return done;
}
