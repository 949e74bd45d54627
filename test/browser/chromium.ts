import { existsSync } from 'node:fs';

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
