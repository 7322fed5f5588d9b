/**
 * Turns "WebGPU is unavailable" into advice for the visitor's own browser.
 *
 * Example:
 *   adviceFor('no-adapter', 'Mozilla/5.0 (X11; Linux x86_64) ... Chrome/126.0.0.0 Safari/537.36')
 *   // { browser: 'Chrome 126 on Linux', steps: ['Open chrome://flags/#enable-unsafe-webgpu ...', ...] }
 */
import type { UnavailableReason } from '../gpu/device';

export interface BrowserAdvice {
  browser: string;
  why: string;
  steps: string[];
}

interface Detected {
  name: 'Chrome' | 'Edge' | 'Firefox' | 'Safari' | 'Other';
  version: number;
  os: 'Windows' | 'macOS' | 'Linux' | 'Android' | 'iOS' | 'ChromeOS' | 'unknown';
}

export function detectBrowser(ua: string): Detected {
  const os: Detected['os'] = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad|iPod/.test(ua)
      ? 'iOS'
      : /CrOS/.test(ua)
        ? 'ChromeOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua)
            ? 'macOS'
            : /Linux|X11/.test(ua)
              ? 'Linux'
              : 'unknown';
  const edge = ua.match(/Edg\/(\d+)/);
  if (edge) return { name: 'Edge', version: Number(edge[1]), os };
  const firefox = ua.match(/Firefox\/(\d+)/);
  if (firefox) return { name: 'Firefox', version: Number(firefox[1]), os };
  const chrome = ua.match(/(?:Chrome|Chromium|HeadlessChrome)\/(\d+)/);
  if (chrome) return { name: 'Chrome', version: Number(chrome[1]), os };
  const safari = ua.match(/Version\/(\d+)[\d.]* .*Safari/);
  if (safari) return { name: 'Safari', version: Number(safari[1]), os };
  return { name: 'Other', version: 0, os };
}

const WHY: Record<UnavailableReason | 'error', string> = {
  'no-webgpu': 'This browser does not expose WebGPU (navigator.gpu is missing).',
  'insecure-context': 'WebGPU only works on secure pages: open the playground over https:// or from localhost.',
  'no-adapter': 'WebGPU is present, but the browser found no usable GPU adapter (requestAdapter() returned null).',
  'device-failed': 'A GPU adapter was found, but creating a device on it failed.',
  error: 'Starting WebGPU failed with an unexpected error.',
};

export function adviceFor(reason: UnavailableReason | 'error', ua: string): BrowserAdvice {
  const b = detectBrowser(ua);
  const browser = b.name === 'Other' ? `an unrecognised browser on ${b.os}` : `${b.name} ${b.version} on ${b.os}`;
  const steps: string[] = [];
  if (reason === 'insecure-context') {
    steps.push('Serve the app from https:// or http://localhost (npm start does the latter).');
  } else if (b.name === 'Chrome' || b.name === 'Edge') {
    const flags = b.name === 'Edge' ? 'edge://flags' : 'chrome://flags';
    if (b.version < 113) steps.push(`Update ${b.name}: WebGPU shipped in version 113 (121 on Android).`);
    if (b.os === 'Linux') {
      steps.push(
        `Open ${flags}/#enable-unsafe-webgpu, set it to Enabled, and relaunch (WebGPU on Linux is still behind this flag on many GPUs).`,
      );
      steps.push(`Also enable ${flags}/#enable-vulkan if your GPU driver supports Vulkan.`);
    }
    steps.push(
      `Check that hardware acceleration is on (Settings → System) and see ${b.name === 'Edge' ? 'edge://gpu' : 'chrome://gpu'} for a blocklisted driver.`,
    );
  } else if (b.name === 'Firefox') {
    if (b.version < 141 || b.os !== 'Windows') {
      steps.push(
        'Firefox enables WebGPU by default from version 141 on Windows; elsewhere open about:config and set dom.webgpu.enabled to true (Nightly has it on).',
      );
    } else {
      steps.push('Update your GPU driver; see about:support → Graphics for why WebGPU is blocked.');
    }
  } else if (b.name === 'Safari') {
    steps.push(
      b.version < 26
        ? 'Safari enables WebGPU from version 26; on older versions turn it on in Develop → Feature Flags → WebGPU.'
        : 'Check Settings → Safari → Advanced → Feature Flags: WebGPU must be on.',
    );
  } else {
    steps.push('Use a browser with WebGPU: Chrome or Edge 113+, Firefox 141+ (Windows) or Safari 26+.');
  }
  steps.push(
    'Everything that needs no GPU (workflow editing and checking, web-navigation environments, the energy model) keeps working meanwhile.',
  );
  return { browser, why: WHY[reason], steps };
}
