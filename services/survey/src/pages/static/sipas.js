// The citizen's SIPAS questionnaire (`/khao-sat/{link}`): the link of the result e-mail/SMS names the dossier
// and carries its signature; the survey service turns it into the questionnaire and the token that answers it.
// The page holds no secret and asks no personal data; nothing is stored in the browser.
import { $, api, ApiError, el, pathSegment } from './page-kit.js';

const link = pathSegment(1);
const STAR_LABELS = ['1 sao', '2 sao', '3 sao', '4 sao', '5 sao'];
/** Highest first, as on the paper form. */
const LIKERT_ORDER = ['VERY_SATISFIED', 'SATISFIED', 'NEUTRAL', 'DISSATISFIED', 'VERY_DISSATISFIED'];

let survey = null;

const status = (text, bad = false) => {
  $('status').textContent = text;
  $('status').className = bad ? 'bad' : '';
};

function finish(text) {
  $('form').hidden = true;
  $('status').textContent = '';
  $('done-text').textContent = text;
  $('done').hidden = false;
  $('done').scrollIntoView({ block: 'start' });
}

/** One control per choice: radio or checkbox, its label beside it, the whole row clickable. */
function choice(q, type, value, label, index) {
  const id = `q-${q.code}-${index}`;
  return el(
    'label',
    { class: 'choice', for: id },
    el('input', { id, type, value: String(value), 'data-question': q.code, 'data-kind': typeof value }),
    el('span', {}, label),
  );
}

function controlsOf(q, labels) {
  switch (q.type) {
    case 'STARS':
      return [1, 2, 3, 4, 5].reverse().map((n) => choice(q, 'radio', n, STAR_LABELS[n - 1], n));
    case 'LIKERT5':
      return LIKERT_ORDER.map((v, i) => choice(q, 'radio', v, labels.LIKERT5?.[v] ?? v, i));
    case 'SCORE_0_2':
      return [2, 1, 0].map((n) => choice(q, 'radio', n, q.scoreLabels?.[n] ?? `${n} điểm`, n));
    case 'SINGLE_CHOICE':
      return (q.options ?? []).map((o, i) => choice(q, 'radio', o.code, o.label, i));
    case 'MULTI_CHOICE':
      return [
        ...(q.options ?? []).map((o, i) => choice(q, 'checkbox', o.code, o.label, i)),
        el('p', { class: 'hint' }, 'Có thể chọn nhiều ý.'),
      ];
    case 'TEXT':
      return [
        el('textarea', {
          id: `q-${q.code}`,
          'data-question': q.code,
          maxlength: 2000,
          'aria-label': q.text,
        }),
        el('p', { class: 'hint' }, 'Xin đừng ghi họ tên, số điện thoại hay địa chỉ. Tối đa 2.000 ký tự.'),
      ];
    default:
      return [];
  }
}

function render(s) {
  $('title').textContent = s.title;
  document.title = s.title;
  if (s.description) {
    $('description').textContent = s.description;
    $('description').hidden = false;
  }
  const box = $('questions');
  box.replaceChildren(
    ...s.questions.map((q, i) => {
      const set = el(
        'fieldset',
        { id: `f-${q.code}`, dataset: { code: q.code } },
        el(
          'legend',
          {},
          `${i + 1}. ${q.text}`,
          q.required ? el('span', { class: 'required', 'aria-label': 'bắt buộc' }, ' *') : null,
        ),
        ...controlsOf(q, s.answerLabels ?? {}),
      );
      // Radio groups share a name so arrow keys move within one question.
      for (const input of set.querySelectorAll('input[type=radio]')) input.name = `q-${q.code}`;
      return set;
    }),
  );
  $('form').hidden = false;
}

/** Only what was answered: a skipped question is absent (the server decides whether it may be skipped). */
function answers() {
  const out = {};
  for (const q of survey.questions) {
    const inputs = [...document.querySelectorAll(`[data-question="${q.code}"]`)];
    if (q.type === 'TEXT') {
      const text = inputs[0]?.value.trim();
      if (text) out[q.code] = text;
    } else if (q.type === 'MULTI_CHOICE') {
      const codes = inputs.filter((i) => i.checked).map((i) => i.value);
      if (codes.length) out[q.code] = codes;
    } else {
      const picked = inputs.find((i) => i.checked);
      if (picked) out[q.code] = picked.dataset.kind === 'number' ? Number(picked.value) : picked.value;
    }
  }
  return out;
}

function showProblems(problems) {
  for (const old of document.querySelectorAll('.problem')) old.remove();
  for (const set of document.querySelectorAll('fieldset.invalid')) set.classList.remove('invalid');
  let first = null;
  for (const p of problems) {
    const set = $(`f-${p.question}`);
    if (!set) continue;
    set.classList.add('invalid');
    set.append(el('p', { class: 'problem' }, p.message));
    first ??= set;
  }
  $('form-message').textContent = problems.length
    ? `Còn ${problems.length} câu cần xem lại (đánh dấu đỏ).`
    : '';
  $('form-message').hidden = problems.length === 0;
  first?.scrollIntoView({ block: 'center' });
  first?.querySelector('input, textarea')?.focus();
}

async function submit(event) {
  event.preventDefault();
  const given = answers();
  // The cheap check first, in the browser; the server checks everything again.
  const missing = survey.questions
    .filter((q) => q.required && given[q.code] === undefined)
    .map((q) => ({ question: q.code, message: 'Vui lòng trả lời câu hỏi này.' }));
  showProblems(missing);
  if (missing.length) return;
  $('submit').disabled = true;
  try {
    await api(`/api/v1/public/surveys/${encodeURIComponent(survey.token)}/responses`, {
      method: 'POST',
      body: { answers: given },
    });
    finish('Phiếu khảo sát của Ông/Bà đã được ghi nhận. Ý kiến của Ông/Bà giúp chúng tôi phục vụ tốt hơn.');
  } catch (e) {
    if (e instanceof ApiError && e.status === 409)
      finish('Phiếu khảo sát của hồ sơ này đã được gửi trước đó.');
    else if (e instanceof ApiError && e.status === 400 && Array.isArray(e.body?.details?.problems))
      showProblems(e.body.details.problems);
    else if (e instanceof ApiError && e.status === 404) {
      $('form').hidden = true;
      status('Phiếu khảo sát đã hết hạn.', true);
    } else {
      $('form-message').textContent =
        e instanceof ApiError && e.status === 0
          ? 'Không gửi được do mất kết nối. Các câu trả lời vẫn còn trên trang, Ông/Bà hãy bấm gửi lại.'
          : 'Hệ thống đang bận, Ông/Bà vui lòng bấm gửi lại sau ít phút.';
      $('form-message').hidden = false;
    }
  } finally {
    $('submit').disabled = false;
  }
}

async function start() {
  $('form').addEventListener('submit', submit);
  try {
    survey = await api(`/api/v1/public/surveys/by-dossier-link/${encodeURIComponent(link)}`);
    status('');
    render(survey);
  } catch (e) {
    $('title').textContent = 'Khảo sát sự hài lòng';
    if (e instanceof ApiError && e.status === 409)
      finish('Phiếu khảo sát của hồ sơ này đã được gửi trước đó.');
    else if (e instanceof ApiError && e.status === 404)
      status(
        'Liên kết khảo sát không đúng hoặc đã hết hạn. Ông/Bà hãy mở lại đúng liên kết trong tin nhắn hoặc thư điện tử.',
        true,
      );
    else status('Chưa mở được phiếu khảo sát. Ông/Bà vui lòng tải lại trang sau ít phút.', true);
  }
}

void start();
