import type { Page } from 'playwright-core';
import { PASSWORD } from '../../support/api-stack';

/**
 * The little of the DOM these helpers touch, typed here: the test project is compiled without
 * DOM types, and functions (not strings) are sent to the page because its CSP forbids eval.
 */
interface PageGlobals {
  document: {
    querySelector(selector: string): unknown;
    querySelectorAll(selector: string): ArrayLike<{ dataset: Record<string, string | undefined> }>;
  };
  location: { hash: string };
}

/** How a person uses the console, step by step, as they would with the mouse and keyboard. */
export class ConsolePages {
  constructor(
    readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open(fragment = '/'): Promise<void> {
    await this.page.goto(`${this.baseUrl}/console/#${fragment}`);
  }

  async signIn(username: string, password = PASSWORD): Promise<void> {
    await this.open('/');
    await this.page.locator('input[name=username]').fill(username);
    await this.page.locator('input[name=password]').fill(password);
    await this.page.locator('form button[type=submit]').click();
    await this.page.locator('[data-test=who]').waitFor();
  }

  /** Goes to a page through the URL fragment and waits until its data has loaded. */
  async go(fragment: string): Promise<void> {
    await this.page.evaluate((f) => {
      (globalThis as unknown as PageGlobals).location.hash = f;
    }, fragment);
    await this.settled();
  }

  /** No spinner left: the page's data (or its error) is on screen. */
  async settled(): Promise<void> {
    await this.page.waitForFunction(
      () => !(globalThis as unknown as PageGlobals).document.querySelector('.loading'),
      undefined,
      { timeout: 30_000 },
    );
  }

  /**
   * Starts an action with `start` (a click) and waits for its own outcome on screen: the
   * success notice or the error box of that action, not one left by an earlier action.
   */
  async act(start: () => Promise<void>): Promise<{ ok: boolean; text: string; status?: string }> {
    const before = await this.page.evaluate(() =>
      Math.max(
        0,
        ...Array.from(
          (globalThis as unknown as PageGlobals).document.querySelectorAll('[data-round]'),
          (e) => Number(e.dataset.round),
        ),
      ),
    );
    await start();
    const handle = await this.page.waitForFunction(
      (after) =>
        Array.from(
          (globalThis as unknown as PageGlobals).document.querySelectorAll(
            '.notice.ok[data-round], .notice.error[data-round]',
          ),
        ).find((e) => Number(e.dataset.round) > after),
      before,
      { timeout: 30_000 },
    );
    const element = handle.asElement();
    if (!element) throw new Error('no outcome on screen');
    const css = (await element.getAttribute('class')) ?? '';
    return {
      ok: css.includes('ok'),
      text: (await element.innerText()).trim(),
      status: (await element.getAttribute('data-status')) ?? undefined,
    };
  }

  form(act: string) {
    return this.page.locator(`form[data-act=${act}]`);
  }

  async text(selector: string): Promise<string> {
    return (await this.page.locator(selector).first().innerText()).trim();
  }
}

/** A value for <input type="datetime-local"> in the county's zone (the browsers run in it). */
export function countyLocal(date: Date): string {
  return date
    .toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai', hour12: false })
    .replace(' ', 'T')
    .slice(0, 16);
}
