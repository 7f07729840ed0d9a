import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { createTestContext, type TestContext } from '../test/helpers/test-context.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const webDir = path.resolve(import.meta.dirname, '../dist/web');

/** Whether browser journeys can run here; under CI=true a missing browser or build is a failure, never a skip. */
export function browserAvailable(): boolean {
  const missing = [
    !existsSync(chromiumPath) && chromiumPath,
    !existsSync(path.join(webDir, 'index.html')) && 'dist/web (npm run build:web)',
  ].filter(Boolean);
  if (missing.length === 0) return true;
  if (process.env.CI === 'true') throw new Error(`浏览器测试无法运行，缺少：${missing.join('、')}`);
  console.warn(`跳过浏览器测试，缺少：${missing.join('、')}（apt-get install chromium fonts-noto-cjk）`);
  return false;
}

export interface E2eServer {
  ctx: TestContext;
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The real server with the built web app, on a free loopback port, over a fresh SQLite database. `beforeListen`
 * may add hooks (e.g. to play a network that drops).
 */
export async function startServer(beforeListen?: (app: FastifyInstance) => void): Promise<E2eServer> {
  const ctx = await createTestContext();
  const app = await buildApp(ctx, { webDir });
  beforeListen?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    ctx,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      await ctx.close();
    },
  };
}

/** Headless Debian Chromium; Playwright gives every launch a fresh, empty profile of its own. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page's path and the values of the named query parameters: where a list stands (its filters, its page). */
export function urlState(page: Page, keys: readonly string[]): (string | null)[] {
  const url = new URL(page.url());
  return [url.pathname, ...keys.map((k) => url.searchParams.get(k))];
}

/**
 * Chooses `label` in an Ant Design select and waits until the select shows it. Under load the dropdown can still
 * be moving between press and release, so a click on an option lands on the page and nothing is chosen. With a
 * search box the label (or `typed`, such as an alias the search knows) is typed and Enter takes the highlighted
 * match (keys reach the list wherever it is drawn); without one, the option is clicked again until it has taken.
 */
export async function choose(
  page: Page,
  select: Locator,
  label: string,
  { search = true, typed = label } = {},
): Promise<void> {
  const shown = async () => (await select.textContent()) ?? '';
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  if (search) {
    await select.click();
    await page.keyboard.type(typed);
    await list.locator('.ant-select-item-option-active', { hasText: label }).waitFor();
    await page.keyboard.press('Enter');
  } else {
    for (let attempt = 1; !(await shown()).includes(label) && attempt <= 5; attempt++) {
      if (!(await select.evaluate((el) => el.classList.contains('ant-select-open')))) await select.click();
      await list.locator('.ant-select-item-option', { hasText: label }).first().click();
      await expect
        .poll(shown, { timeout: 2_000 })
        .toContain(label)
        .catch(() => undefined);
    }
  }
  await expect.poll(shown).toContain(label);
}

/** A new page signed in as `username`; a viewport narrower than 500 px is a touch phone. */
export async function signInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  viewport = { width: 1280, height: 800 },
): Promise<Page> {
  const page = await browser.newPage({
    viewport,
    locale: 'zh-CN',
    ...(viewport.width < 500 && { isMobile: true, hasTouch: true }),
  });
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  return page;
}

/** A signature drawn with the finger (mouse) across the visit form's pad. */
export async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + 60);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + 30 + i * 20, box.y + 60 + (i % 2 ? 40 : -10), { steps: 2 });
  await page.mouse.up();
}
