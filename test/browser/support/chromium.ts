import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium; CHROMIUM_PATH names another build. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Chromium and a font with Chinese glyphs, so that screenshots show text rather than boxes. */
const PACKAGES = ['chromium', 'fonts-wqy-microhei'];

function apt(args: string[]): { ok: boolean; output: string } {
  const result = spawnSync('apt-get', args, {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 540_000,
  });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function fontMissing(): boolean {
  return !fs.existsSync('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc');
}

/**
 * Installs Debian's chromium when it is missing (as root, the way CI runs): no browser is
 * downloaded from anywhere but the distribution's own registry.
 */
export function ensureChromium(): string {
  if (fs.existsSync(CHROMIUM) && !fontMissing()) return CHROMIUM;
  if (process.getuid?.() !== 0) {
    if (fs.existsSync(CHROMIUM)) return CHROMIUM;
    throw new Error(
      `${CHROMIUM} is missing and this is not root: install it with "apt-get install -y ${PACKAGES.join(' ')}" or set CHROMIUM_PATH`,
    );
  }
  const install = ['install', '-y', '--no-install-recommends', ...PACKAGES];
  let result = apt(install);
  if (!result.ok) {
    // A fresh machine has no package lists yet: fetch them once and try again.
    apt(['update']);
    result = apt(install);
  }
  if (!result.ok || !fs.existsSync(CHROMIUM)) {
    throw new Error(
      `apt-get could not install ${PACKAGES.join(' ')}:\n${result.output.slice(-2000)}`,
    );
  }
  return CHROMIUM;
}

/**
 * Headless Chromium as the issue asks. Playwright adds --headless and --no-sandbox itself and
 * gives every launch a fresh temporary --user-data-dir (it refuses one in `args`).
 */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
}

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** A signed-out browser profile of its own: each person gets one, as on their own device. */
export function newPerson(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: DESKTOP,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
}

export const SCREENSHOTS = path.resolve(__dirname, '../../../artifacts/screenshots');

/** The page as it stands, at desktop and phone widths: artifacts/screenshots/<name>-<width>.png */
export async function screenshots(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    // From the top, so that the sticky tab bar sits where a person sees it.
    await page.evaluate(() =>
      (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0),
    );
    // Let the layout settle at the new width (fonts, SVG scaling) before taking the picture.
    await page.evaluate(
      () =>
        new Promise((resolve) =>
          (
            globalThis as unknown as { requestAnimationFrame(callback: () => void): void }
          ).requestAnimationFrame(() => resolve(null)),
        ),
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${label}.png`), fullPage: true });
  }
  await page.setViewportSize(DESKTOP);
}
