// Helpers shared by the display board and the kiosk (ES module, no dependencies).

// The token from the URL fragment, the API error and element helpers are the platform's page kit, shared with
// the other services' pages (libs/platform/src/http/pages/page-kit.js, served beside this file).
import { ApiError } from './page-kit.js';
export { $, ApiError, el, pageToken as deviceToken } from './page-kit.js';

const TZ = 'Asia/Ho_Chi_Minh';

/** The `{unitCode}` of `/board/{unitCode}`, `/kiosk/{unitCode}` or `/counter/{unitCode}/{counterNo}`. */
export const unitCodeFromPath = () =>
  decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');

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
