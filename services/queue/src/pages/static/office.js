// Helpers shared by the display board and the kiosk (ES module, no dependencies).

const TZ = 'Asia/Ho_Chi_Minh';
const TOKEN_KEY = 'fg.deviceToken';

/** The `{unitCode}` of `/board/{unitCode}`, `/kiosk/{unitCode}` or `/counter/{unitCode}/{counterNo}`. */
export const unitCodeFromPath = () =>
  decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');

/**
 * The device's bearer token. It is handed to the device once in the URL fragment
 * (`/kiosk/07210#token=eyJ…`), which the browser never sends to a server nor in a Referer, kept in this
 * origin's localStorage, and wiped from the address bar. Nothing secret is in the page itself.
 * The counter console keeps an officer's personal token the same way but in sessionStorage under its own key
 * (gone when the tab closes): `deviceToken({ key: 'fg.officerToken', storage: sessionStorage })`.
 */
export function deviceToken({ key = TOKEN_KEY, storage = localStorage } = {}) {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    storage.setItem(key, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return storage.getItem(key);
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Difference between the server's clock and this device's (ms), from the last API response's Date. */
let serverOffset = 0;
export const serverNow = () => new Date(Date.now() + serverOffset);

/** JSON call to this service; throws ApiError (status 0 for a network failure). */
export async function api(path, { token, method = 'GET', body } = {}) {
  let res;
  try {
    res = await fetch(path, {
      method,
      cache: 'no-store',
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new ApiError(0, { message: String(e) });
  }
  const date = Date.parse(res.headers.get('date') ?? '');
  if (!Number.isNaN(date)) serverOffset = date + 500 - Date.now(); // Date has whole seconds
  const text = await res.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = { message: text };
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

const timeFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const secondsFmt = new Intl.DateTimeFormat('vi-VN', { timeZone: TZ, second: '2-digit' });
const dateFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  weekday: 'long',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dayFmt = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TZ,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

export const formatTime = (d) => timeFmt.format(d);
/** 23/11/2026 */
export const formatDay = (d) => dayFmt.format(d);
export const formatDate = (d) => {
  const s = dateFmt.format(d);
  return s.charAt(0).toUpperCase() + s.slice(1);
};

/** Keeps a clock (Vietnam time, the server's clock) in the given elements. */
export function startClock(timeEl, dateEl) {
  const tick = () => {
    const now = serverNow();
    timeEl.textContent = formatTime(now);
    timeEl.dateTime = now.toISOString();
    if (dateEl) dateEl.textContent = formatDate(now);
    timeEl.dataset.seconds = secondsFmt.format(now);
  };
  tick();
  setInterval(tick, 1000);
}

/** Builds an element; children are nodes or text (always as text: no HTML is ever parsed). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}

export const $ = (id) => document.getElementById(id);
