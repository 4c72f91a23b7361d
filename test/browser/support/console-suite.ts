import type { Server } from 'http';
import type { AddressInfo } from 'net';
import type { Browser, BrowserContext } from 'playwright-core';
import { seedCounty, type ApiStack, type TestCounty, type TestUser } from '../../support/api-stack';
import { ensureChromium, launchChromium, newPerson } from './chromium';
import { ConsolePages } from './console-pages';

/**
 * What every browser suite sets up: its stack (the API served on a port of its own), a county
 * with one user per role, and Debian's Chromium; each person gets a browser profile of their
 * own, closed with the suite.
 */
export class ConsoleSuite {
  private readonly contexts: BrowserContext[] = [];

  private constructor(
    readonly stack: ApiStack,
    readonly county: TestCounty,
    readonly browser: Browser,
    readonly baseUrl: string,
    private readonly stop: () => Promise<void>,
  ) {}

  /** `start` brings up the stack (ApiStack.start, or more); `stop` takes it down. */
  static async start(
    start: () => Promise<{ stack: ApiStack; close?: () => Promise<void> }>,
    sector = 'education',
  ): Promise<ConsoleSuite> {
    const chromiumPath = ensureChromium();
    const { stack, close } = await start();
    const county = await seedCounty(stack, sector);
    await stack.api.listen(0, '127.0.0.1');
    const { port } = (stack.api.getHttpServer() as Server).address() as AddressInfo;
    const browser = await launchChromium(chromiumPath);
    return new ConsoleSuite(
      stack,
      county,
      browser,
      `http://127.0.0.1:${port}`,
      close ?? (() => stack.close()),
    );
  }

  /** A signed-out browser profile, as on a person's own device. */
  async newContext(): Promise<BrowserContext> {
    const context = await newPerson(this.browser);
    this.contexts.push(context);
    return context;
  }

  /** A person of the county on their own device, signed in to the console. */
  async person(user: TestUser): Promise<ConsolePages> {
    const pages = new ConsolePages(await (await this.newContext()).newPage(), this.baseUrl);
    await pages.signIn(this.county.users[user].username);
    return pages;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => undefined);
    await this.browser.close();
    await this.stop();
  }
}
