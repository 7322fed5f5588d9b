/**
 * Drives the built app in headless Chromium the way a person would. Reused by every feature's browser test.
 *
 * Example:
 *   const app = await openApp({ tab: 'device' });
 *   await app.page.click('[data-testid=scratch-run]');
 *   await app.waitForText('[data-testid=scratch-output]', '2, 5, 10, 17');
 *   await app.screenshot('device-scratch');
 *   await app.close();
 */
import fs from 'node:fs';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { inject } from 'vitest';

export const ARTIFACTS = path.resolve('tests/artifacts');

export function chromiumPath(): string {
  const candidates = [process.env.PUPPETEER_EXECUTABLE_PATH, '/usr/bin/chromium', '/usr/lib/chromium/chromium'];
  const found = candidates.find((p) => p && fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: install it (apt-get install -y chromium) or set PUPPETEER_EXECUTABLE_PATH.');
  return found;
}

export interface LaunchOptions {
  /** false launches Chromium without WebGPU flags: navigator.gpu exists but finds no adapter. */
  webgpu?: boolean;
}

export async function launchBrowser({ webgpu = true }: LaunchOptions = {}): Promise<Browser> {
  const args = [
    '--no-sandbox',
    '--headless=new',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-dev-shm-usage',
  ];
  if (webgpu) args.push('--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader');
  return puppeteer.launch({ executablePath: chromiumPath(), headless: true, args, protocolTimeout: 240_000 });
}

export interface AppSession {
  browser: Browser;
  page: Page;
  url: string;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
  goto(tab: string): Promise<void>;
  waitForText(selector: string, text: string | RegExp, timeoutMs?: number): Promise<string>;
  text(selector: string): Promise<string>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openApp(opts: LaunchOptions & { tab?: string; url?: string } = {}): Promise<AppSession> {
  const browser = await launchBrowser(opts);
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = opts.url ?? inject('appUrl');
  await page.goto(`${url}${opts.tab ? `#${opts.tab}` : ''}`, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid=gpu-badge]');
  await tabLoaded(page);

  const session: AppSession = {
    browser,
    page,
    url,
    errors,
    async goto(tab) {
      await page.click(`[data-testid=tab-${tab}]`);
      await page.waitForSelector(`[data-testid=tab-panel-${tab}]`);
      await tabLoaded(page);
    },
    async waitForText(selector, text, timeoutMs = 120_000) {
      await page.waitForFunction(
        (sel, t, isRe) => {
          const el = document.querySelector(sel);
          if (!el) return false;
          const s = el.textContent ?? '';
          return isRe ? new RegExp(t).test(s) : s.includes(t);
        },
        { timeout: timeoutMs, polling: 100 },
        selector,
        text instanceof RegExp ? text.source : text,
        text instanceof RegExp,
      );
      return session.text(selector);
    },
    async text(selector) {
      return page.$eval(selector, (el) => el.textContent ?? '');
    },
    async screenshot(name) {
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      const file = path.join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await browser.close();
    },
  };
  return session;
}

/** Replaces the contents of a textarea or input as a person would: select all, then type. */
/** Tabs load their code on first visit (a "Loading…" line meanwhile): waits until the tab has rendered. */
async function tabLoaded(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const panel = document.querySelector('main[data-testid^=tab-panel-]');
    return !!panel && !panel.querySelector('[data-testid=tab-loading]') && panel.children.length > 0;
  });
}

export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector);
  await page.keyboard.down('Control');
  await page.keyboard.press('a');
  await page.keyboard.up('Control');
  await page.keyboard.press('Backspace');
  // Typing long programs key by key is slow on 2 cores; insertText fires the same input events.
  await page.keyboard.sendCharacter(text);
}
