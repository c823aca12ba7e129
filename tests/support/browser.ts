import { existsSync } from 'node:fs';

/** Debian's Chromium where it exists (CI, these machines); else Playwright's own browser. */
export const SYSTEM_CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function systemChromium(): string | undefined {
  return process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)
    ? process.env.CHROMIUM_PATH
    : SYSTEM_CHROMIUM_CANDIDATES.find((path) => existsSync(path));
}
