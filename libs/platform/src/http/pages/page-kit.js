// Helpers shared by the staff pages of several services (ES module, no dependencies), served by each
// service that needs them through StaticAssets' `extra` files (`sharedPageFile('page-kit.js')`).

const TOKEN_KEY = 'fg.deviceToken';

/** The `{n}`th path segment of the page's URL (0-based), decoded: `/dashboard/24` → segment 1 is `24`. */
export const pathSegment = (n) => decodeURIComponent(location.pathname.split('/').filter(Boolean)[n] ?? '');

/**
 * The page's bearer token (a device's `kiosk` token, a leader's `viewer` token). It is handed over once in the
 * URL fragment (`/dashboard/24#token=eyJ…`), which the browser never sends to a server nor in a Referer, kept
 * in this origin's localStorage and wiped from the address bar. Nothing secret is in the page itself.
 * A personal token can be kept in sessionStorage under its own key instead (gone when the tab closes):
 * `pageToken({ key: 'fg.officerToken', storage: sessionStorage })`.
 */
export function pageToken({ key = TOKEN_KEY, storage = localStorage } = {}) {
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

/**
 * JSON GET/POST to this service or, with a full URL, to another one that allows this origin (CORS_ORIGINS);
 * throws ApiError (status 0 for a network failure).
 */
export async function api(url, { token, method = 'GET', body } = {}) {
  let res;
  try {
    res = await fetch(url, {
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
