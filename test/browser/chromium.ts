import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * The browser tests drive Debian's `chromium` package through playwright-core (no browser download:
 * `scripts/test.mjs` installs the package with apt-get when it is missing).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM_PATH)) {
  throw new Error(
    `Chromium not found at ${CHROMIUM_PATH}. Run the tests with \`npm test\` (it installs Debian's chromium package ` +
      'when run as root with apt-get), or install it yourself: apt-get install -y --no-install-recommends chromium',
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  // No calls home on a closed network (these would hang or slow the start).
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // As on the office's TV: the board may chime without a click first.
  '--autoplay-policy=no-user-gesture-required',
];

/** A citizen's phone: the screen the public pages (look-up, SIPAS form) must fit, in Vietnam's time and language. */
export const PHONE_CONTEXT = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'vi-VN',
  timezoneId: 'Asia/Ho_Chi_Minh',
} as const;

/** The page fits the phone: nothing wider than its screen. */
export const expectFitsPhone = async (page: Page) =>
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
    PHONE_CONTEXT.viewport.width,
  );
