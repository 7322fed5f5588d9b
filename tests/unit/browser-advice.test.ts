import { expect, test } from 'vitest';
import { adviceFor, detectBrowser } from '../../src/ui/browser-advice';

const LINUX_CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const MAC_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
const WIN_FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const WIN_EDGE =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';

test('detects browser, version and OS', () => {
  expect(detectBrowser(LINUX_CHROME)).toEqual({ name: 'Chrome', version: 126, os: 'Linux' });
  expect(detectBrowser(MAC_SAFARI)).toEqual({ name: 'Safari', version: 17, os: 'macOS' });
  expect(detectBrowser(WIN_FIREFOX)).toEqual({ name: 'Firefox', version: 128, os: 'Windows' });
  expect(detectBrowser(WIN_EDGE)).toEqual({ name: 'Edge', version: 120, os: 'Windows' });
});

test('advice names the flag or version that enables WebGPU', () => {
  expect(adviceFor('no-adapter', LINUX_CHROME).steps.join(' ')).toContain('chrome://flags/#enable-unsafe-webgpu');
  expect(adviceFor('no-webgpu', MAC_SAFARI).steps.join(' ')).toContain('Feature Flags');
  expect(adviceFor('no-webgpu', WIN_FIREFOX).steps.join(' ')).toContain('141');
  expect(adviceFor('no-adapter', WIN_EDGE).steps.join(' ')).toContain('edge://gpu');
  expect(adviceFor('insecure-context', LINUX_CHROME).why).toContain('secure');
});
