// `npm run alang -- check|fmt|plan`: main(argv) on real files in a temp dir, plus one real process spawn.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/workflow/cli';
import { parse } from '../../../src/workflow/lang';

let dir: string;
const file = (name: string) => join(dir, name);

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

const SEED =
  'img  = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nclip = AnimateImage(frames=48, motion="zoom-in")\nimg.image  -> toon.image\ntoon.image -> clip.image\n';
const BAD = 'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=60)\nimg.image -> toon.imag\n';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alang-cli-'));
  await writeFile(file('seed.alang'), SEED);
  await writeFile(file('bad.alang'), BAD);
  await writeFile(file('syntax.alang'), 'a = Number(value=1)\nb = Number(value=)\n');
  await writeFile(file('seed.json'), JSON.stringify({ version: 1, nodes: [{ id: 'n', fn: 'Number', params: { value: 2 } }], edges: [] }));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('alang check', () => {
  test('a good file: exit 0; --json lists the unconnected outputs', async () => {
    expect(await cli('check', file('seed.alang'))).toMatchObject({ code: 0, out: `${file('seed.alang')}: ok (3 nodes, 2 edges)\n` });
    const r = await cli('check', file('seed.alang'), file('seed.json'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      { file: file('seed.alang'), ok: true, diagnostics: [], outputs: [{ node: 'clip', port: 'video', type: 'Video' }] },
      { file: file('seed.json'), ok: true, diagnostics: [], outputs: [{ node: 'n', port: 'value', type: 'Number' }] },
    ]);
  });

  test('errors: exit 1, located messages (file:line:column), JSON per file', async () => {
    const text = await cli('check', file('bad.alang'));
    expect(text.code).toBe(1);
    expect(text.err).toContain(`${file('bad.alang')}:2:19: error: toon.levels must be between 2 and 16, got 60 [toon.levels]`);
    expect(text.err).toContain(`${file('bad.alang')}:3:14: error: Cartoonize has no input port 'imag'; did you mean 'image'? [toon.imag]`);
    // the source line with a caret under the column
    expect(text.err).toContain('  toon = Cartoonize(levels=60)\n                    ^\n');
    const json = await cli('check', file('seed.alang'), file('bad.alang'), '--json');
    expect(json.code).toBe(1);
    const [good, bad] = JSON.parse(json.out);
    expect(good.ok).toBe(true);
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]).toEqual({
      severity: 'error',
      line: 2,
      column: 1,
      node: 'toon',
      message: 'missing input: toon.image (Image) is not connected',
    });
    expect(bad.diagnostics.map((d: { line: number; column: number }) => `${d.line}:${d.column}`)).toEqual(['2:1', '2:19', '3:14']);
  });

  test('a missing file and bad usage get clear messages, not stack traces', async () => {
    const missing = await cli('check', file('nope.alang'), '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.out)[0].diagnostics[0]).toMatchObject({ line: 1, column: 1, message: 'file not found' });
    expect(await cli('check', dir)).toMatchObject({ code: 1, err: `${dir}:1:1: error: is a directory, not a file\n` });
    const usage = await cli('check');
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/^alang: check needs at least one FILE\nusage:/);
    expect((await cli('frobnicate')).err).toMatch(/^alang: unknown command 'frobnicate'/);
    expect((await cli('check', 'x', '--jsno')).err).toMatch(/^alang: unknown option --jsno/);
  });
});

describe('alang fmt', () => {
  test('prints the canonical text, or JSON; --write rewrites the file', async () => {
    const canonical =
      'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nclip = AnimateImage(frames=48, motion="zoom-in")\n\nimg.image -> toon.image\ntoon.image -> clip.image\n';
    expect(await cli('fmt', file('seed.alang'))).toMatchObject({ code: 0, out: canonical });
    expect(JSON.parse((await cli('fmt', file('seed.alang'), '--json')).out).nodes).toHaveLength(3);
    expect(await cli('fmt', file('seed.json'))).toMatchObject({ code: 0, out: 'n = Number(value=2)\n' });
    await writeFile(file('messy.alang'), SEED);
    expect((await cli('fmt', file('messy.alang'), '--write')).err).toContain('formatted');
    expect(await readFile(file('messy.alang'), 'utf8')).toBe(canonical);
    expect((await cli('fmt', file('messy.alang'), '--write')).err).toContain('already formatted');
  });

  test('refuses to format a file with syntax errors, so nothing is lost', async () => {
    const r = await cli('fmt', file('syntax.alang'), '--write');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file('syntax.alang')}:2:18: error: expected a value`);
    expect(await readFile(file('syntax.alang'), 'utf8')).toBe('a = Number(value=1)\nb = Number(value=)\n');
  });
});

describe('alang plan', () => {
  test('uses the planner when this build has one, or says it is not available', async () => {
    const r = await cli('plan', 'turn this cat photo into a cartoon-style video', '--json');
    if (existsSync('src/workflow/planner/index.ts')) {
      const result = JSON.parse(r.out);
      expect(Object.keys(result)).toEqual(['program', 'attempts', 'diagnostics', 'status']);
      expect(parse(result.program).diagnostics).toEqual([]);
      expect(result.status).toBe('ok');
      expect(r.code).toBe(0);
    } else {
      expect(r).toMatchObject({
        code: 1,
        err: 'alang plan: planner not available in this build (src/workflow/planner/index.ts is missing)\n',
      });
    }
    expect((await cli('plan', 'x', '--backend', 'gpt')).err).toMatch(/^alang: unknown backend 'gpt'/);
    expect((await cli('plan', 'x', '--backend=gpt')).err).toMatch(/^alang: unknown backend 'gpt'/);
    const saved = { url: process.env.OPENAI_BASE_URL, model: process.env.OPENAI_MODEL };
    delete process.env.OPENAI_BASE_URL;
    delete process.env.OPENAI_MODEL;
    try {
      expect((await cli('plan', 'x', '--backend', 'openai')).err).toMatch(/^alang: --backend openai needs --url URL/);
    } finally {
      if (saved.url !== undefined) process.env.OPENAI_BASE_URL = saved.url;
      if (saved.model !== undefined) process.env.OPENAI_MODEL = saved.model;
    }
  });
});

test('plan --json: status and diagnostics with the words concerned; exit 1 only when the plan failed', async () => {
  // partial: black and white is done, "sharpen" is not (no function sharpens); the program is still given.
  const partial = await cli('plan', 'sharpen this photo and make it black and white', '--json');
  const p = JSON.parse(partial.out);
  expect(p.status).toBe('partial');
  expect(partial.code).toBe(0);
  expect(p.program).toContain('Grayscale(');
  expect(p.diagnostics[0]).toMatchObject({ severity: 'error', words: ['sharpen'], line: 1, column: 1 });
  expect(p.diagnostics[0].message).toMatch(/sharpen/);
  // failed: nothing of what was asked can be done; no identity program.
  const failed = await cli('plan', 'posterize this photo', '--json');
  const f = JSON.parse(failed.out);
  expect(failed.code).toBe(1);
  expect(f).toMatchObject({ status: 'failed', program: '' });
  expect(f.diagnostics[0].words).toEqual(['posterize']);
  // Text mode: the program on stdout, the diagnostics and the status on stderr.
  const text = await cli('plan', 'make a video from this photo at -5 fps');
  expect(text.code).toBe(1);
  expect(text.out).toContain('AnimateImage(fps=-5)');
  expect(text.err).toContain('plan:1:1: error: AnimateImage.fps cannot be -5');
  expect(text.err).toMatch(/plan: failed\n$/);
});

test('plan --backend openai talks the chat-completions protocol to the given endpoint, key from OPENAI_API_KEY', async () => {
  const requests: { url: string; auth: string; model: string }[] = [];
  const answer =
    '```\nimg = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nclip = AnimateImage(frames=48, motion="zoom-in")\n\nimg.image -> toon.image\ntoon.image -> clip.image\n```';
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', auth: req.headers.authorization ?? '', model: JSON.parse(body).model });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          model: 'tiny',
          choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const saved = process.env.OPENAI_API_KEY;
  process.env.OPENAI_API_KEY = 'test-key';
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const r = await cli(
      'plan',
      'turn this cat photo into a cartoon-style video',
      '--backend',
      'openai',
      '--url',
      url,
      '--model',
      'tiny',
      '--json',
    );
    expect(requests.length).toBeGreaterThan(0);
    for (const q of requests) expect(q).toEqual({ url: '/v1/chat/completions', auth: 'Bearer test-key', model: 'tiny' });
    const result = JSON.parse(r.out);
    expect(r.code).toBe(result.status === 'failed' ? 1 : 0);
  } finally {
    if (saved === undefined) delete process.env.OPENAI_API_KEY;
    else process.env.OPENAI_API_KEY = saved;
    server.close();
  }
});

test('the real command: node scripts/run-ts.mjs src/workflow/cli.ts check …', async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['scripts/run-ts.mjs', 'src/workflow/cli.ts', 'check', file('bad.alang'), file('seed.alang'), '--json'],
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
  expect(code).toBe(1);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(JSON.parse(stdout).map((r: { ok: boolean }) => r.ok)).toEqual([false, true]);
});
