// The citizen's dossier look-up (/tra-cuu, /tra-cuu/{code}#k={key}): calls the public look-up API of this
// service and shows its answer in Vietnamese. The key comes from the URL fragment (never sent to a server).
import { $, api, pathSegment } from '/pages/dossier/page-kit.js';

const TZ = 'Asia/Ho_Chi_Minh';
const CODE = /^[A-Za-z0-9.-]{1,32}-\d{6}-\d{4}$/;

const dateTime = (iso) =>
  iso
    ? new Intl.DateTimeFormat('vi-VN', {
        timeZone: TZ,
        hour: '2-digit',
        minute: '2-digit',
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour12: false,
      })
        .formatToParts(new Date(iso))
        .reduce((o, p) => ({ ...o, [p.type]: p.value }), {})
    : null;
/** '08:30 ngày 07/07/2025', as the receipt prints it. */
const at = (iso) => {
  const p = dateTime(iso);
  return p ? `${p.hour}:${p.minute} ngày ${p.day}/${p.month}/${p.year}` : '—';
};

const TIMELINESS = {
  EARLY: 'trả kết quả sớm hạn',
  ON_TIME: 'trả kết quả đúng hạn',
  LATE: 'trả kết quả trễ hạn',
};

/** The status line, its tone and an explanation, from the public look-up's answer. */
function describe(d) {
  const timeliness = d.timeliness ? TIMELINESS[d.timeliness] : null;
  const late = d.newDueAt
    ? ` Cơ quan đã gửi thư xin lỗi và hẹn lại ngày trả kết quả: ${at(d.newDueAt)}.`
    : '';
  switch (d.status) {
    case 'REGISTERED':
      return { text: 'Đã đăng ký trực tuyến, chờ tiếp nhận', tone: '' };
    case 'RECEIVED':
    case 'IN_PROGRESS':
    case 'AWAITING_FEES':
      return d.overdue
        ? {
            text: 'Đang giải quyết — đã quá hạn hẹn trả',
            tone: 'bad',
            detail: `Hồ sơ đang được giải quyết nhưng đã quá ngày hẹn.${late}`,
          }
        : {
            text:
              d.status === 'AWAITING_FEES'
                ? 'Đang giải quyết — chờ thực hiện nghĩa vụ tài chính'
                : 'Đang giải quyết',
            tone: '',
            detail: late.trim() || undefined,
          };
    case 'SUPPLEMENT_REQUESTED':
      return {
        text: 'Cần bổ sung hồ sơ',
        tone: 'warn',
        detail:
          `Lý do: ${d.supplementReason?.labelVi ?? 'theo thông báo của cơ quan'}. ` +
          'Quý khách vui lòng liên hệ Bộ phận Một cửa để bổ sung; thời hạn giải quyết tạm dừng cho đến khi nhận đủ hồ sơ bổ sung.',
      };
    case 'RESOLVED':
      return {
        text: 'Đã có kết quả — mời Quý khách đến nhận',
        tone: d.timeliness === 'LATE' ? 'warn' : 'ok',
        detail: timeliness ? `Hồ sơ ${timeliness}.${d.timeliness === 'LATE' ? late : ''}` : undefined,
      };
    case 'RESULT_RETURNED':
      return {
        text: timeliness ? `Đã ${timeliness}` : 'Đã trả kết quả',
        tone: d.timeliness === 'LATE' ? 'warn' : 'ok',
        detail: d.timeliness === 'LATE' ? late.trim() || undefined : undefined,
      };
    default:
      return { text: d.statusLabel, tone: 'bad' };
  }
}

const show = (id, value) => {
  const node = $(id);
  node.textContent = value ?? '';
  node.hidden = !value;
  const label = $(`${id}-label`);
  if (label) label.hidden = !value;
};

function render(d) {
  $('r-code').textContent = d.code;
  const s = describe(d);
  $('r-status').textContent = s.text;
  $('r-status').className = `status ${s.tone}`.trim();
  show('r-status-detail', s.detail);
  $('r-procedure').textContent = d.procedure?.name ?? d.procedure?.code ?? '';
  $('r-received').textContent = at(d.receivedAt);
  $('r-due').textContent = at(d.dueAt);
  $('r-due').classList.toggle('struck', !!d.newDueAt);
  show('r-new-due', d.newDueAt ? at(d.newDueAt) : null);
  show('r-finished', d.finishedAt ? at(d.finishedAt) : null);
  const unit = d.unit?.label ?? d.unit?.name ?? '';
  $('r-place').textContent =
    d.status === 'RESULT_RETURNED' ? `Đã nhận tại Bộ phận Một cửa — ${unit}` : `Bộ phận Một cửa — ${unit}`;
  $('lookup-form').hidden = true;
  $('result').hidden = false;
  $('again').focus();
}

const message = (text) => {
  $('message').textContent = text ?? '';
  $('message').hidden = !text;
};

function messageFor(e) {
  if (e.status === 404)
    return 'Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu này. Vui lòng kiểm tra lại trên giấy tiếp nhận.';
  if (e.status === 429) return 'Quý khách đã nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút.';
  if (e.status === 400) return 'Mã hồ sơ hoặc mã tra cứu không hợp lệ.';
  if (e.status === 0) return 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.';
  return 'Hệ thống đang bận. Vui lòng thử lại sau.';
}

async function lookup(code, key) {
  message(null);
  if (!CODE.test(code)) return message('Mã hồ sơ không đúng dạng (VD: 07210-250707-0001).');
  if (!key) return message('Vui lòng nhập mã tra cứu.');
  // The address keeps the key in its fragment only (bookmarkable, never sent to the server).
  history.replaceState(null, '', `/tra-cuu/${encodeURIComponent(code)}#k=${encodeURIComponent(key)}`);
  $('submit').disabled = true;
  try {
    render(await api(`/api/v1/public/dossiers/${encodeURIComponent(code)}?key=${encodeURIComponent(key)}`));
  } catch (e) {
    $('lookup-form').hidden = false;
    $('result').hidden = true;
    message(messageFor(e));
  } finally {
    $('submit').disabled = false;
  }
}

$('lookup-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void lookup($('code').value.trim().toUpperCase(), $('key').value.trim().toUpperCase());
});
$('again').addEventListener('click', () => {
  history.replaceState(null, '', '/tra-cuu');
  $('code').value = '';
  $('key').value = '';
  $('result').hidden = true;
  $('lookup-form').hidden = false;
  $('code').focus();
});

const code = pathSegment(1);
const key = decodeURIComponent(/(?:^#|&)k=([^&]+)/.exec(location.hash)?.[1] ?? '');
$('code').value = code;
$('key').value = key;
if (code && key) void lookup(code, key);
else (code ? $('key') : $('code')).focus();
