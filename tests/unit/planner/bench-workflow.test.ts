// `npm run bench:workflow`: strict and type-only rates per planner and split, and the list of instructions the
// function library cannot express; an endpoint planner joins with --url/--model (a local server speaking the
// chat-completions protocol stands in for the remote API).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, vi } from 'vitest';
import { main } from '../../../src/workflow/bench-cli';

async function bench(argv: string[]) {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((m: string) => void lines.push(m));
  try {
    return { code: await main(argv), out: lines.join('\n') };
  } finally {
    log.mockRestore();
  }
}

test('rules: strict beside type-only, per split, and the inexpressible instructions', async () => {
  const { code, out } = await bench([]);
  expect(code).toBe(0);
  expect(out).toMatch(/planner rules: strict \d+\/\d+ = [\d.]+%, type-only \d+\/\d+ = [\d.]+%/);
  for (const split of ['dev', 'heldout', 'heldout2']) expect(out).toMatch(new RegExp(`split ${split} +strict +\\d+/\\d+ .* type-only`));
  expect(out).toMatch(/instructions the function library cannot express \(\d+\):/);
  expect(out).toContain('b-gen-video-waves: "generate a video of ocean waves crashing on rocks" (text → video');
});

test('--url/--model adds the endpoint planner; --json gives both results', async () => {
  let requests = 0;
  const program =
    'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize()\nclip = AnimateImage()\nimg.image -> toon.image\ntoon.image -> clip.image';
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests++;
      res.setHeader('content-type', 'application/json');
      const content = '```\n' + program + '\n```';
      res.end(
        JSON.stringify({
          id: 'x',
          object: 'chat.completion',
          model: 'm',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    const { code, out } = await bench(['--url', url, '--model', 'm', '--limit', '2', '--json']);
    expect(code).toBe(0);
    const results = JSON.parse(out);
    expect(results.map((r: { backend: string }) => r.backend)).toEqual(['rules', expect.stringContaining('m')]);
    for (const r of results) {
      expect(r.total).toBe(2);
      expect(Object.keys(r.bySplit)).toEqual(['dev']);
      expect(r.cases[0]).toMatchObject({ id: 'seed-cat-video', status: expect.any(String), typeOnly: expect.any(Boolean) });
    }
    // The endpoint's seed program is the right one for the first case.
    expect(results[1].cases[0]).toMatchObject({ ok: true, typeOnly: true, status: 'ok' });
    expect(requests).toBeGreaterThan(0);
    expect((await bench(['--url', url])).code).toBe(2);
  } finally {
    server.close();
  }
});
