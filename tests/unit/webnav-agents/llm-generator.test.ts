// The CoGA-style LLM generator against a local server speaking the OpenAI chat-completions protocol (the only
// stand-in here: no remote model is reachable). It scripts the model's replies; everything else is real:
// the prompts, template cropping, the sandbox, verification, and the repair loop.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openAiCompatible } from '../../../src/llm/openai';
import { nodeSandbox } from '../../../src/webnav/affordance/node-sandbox';
import type { AffordanceSandbox } from '../../../src/webnav/affordance/sandbox';
import { extractProgram, generateWithLlm } from '../../../src/webnav/affordance/llm-generator';

const WRONG = '```js\nfunction affordances(screen, utterance, lib) {\n  return [lib.click(80, 205)];\n}\n```';
const RIGHT =
  'Here is the fix.\n```js\nfunction affordances(screen, utterance, lib) {\n  // buttons whose label the utterance quotes\n  return lib.textBoxes(screen).filter((b) => lib.mentions(utterance, b.text)).map(lib.clickBox);\n}\n```';
const REPLIES = [
  '{"objects": ["buttons", "labels"], "intents": ["click a button"]}',
  '```json\n{"click a button": [0, 1]}\n```',
  '1. read the quoted label 2. click the matching button',
  WRONG,
  RIGHT,
];

let server: http.Server;
let baseUrl = '';
const requests: { messages: { role: string; content: string }[] }[] = [];
let sandbox: AffordanceSandbox;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const parsed = JSON.parse(body);
      requests.push(parsed);
      const content = REPLIES[Math.min(requests.length - 1, REPLIES.length - 1)];
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  sandbox = await nodeSandbox({ timeLimitMs: 2000 });
}, 60_000);
afterAll(() => {
  server?.close();
  sandbox?.dispose();
});

describe('LLM affordance generator', () => {
  test('goes objects/intents → grounding → templates → strategy → code, and repairs a program that fails verification', async () => {
    const llm = openAiCompatible({ baseUrl, model: 'scripted' });
    const r = await generateWithLlm(llm, sandbox, 'click-button', { seeds: [1, 2, 3] });
    expect(r.error).toBeUndefined();
    expect(r.report?.ok).toBe(true);
    expect(r.repairs).toBe(1);
    expect(r.program?.origin).toBe('llm');
    // Prompts: the screen as numbered regions with boxes, then grounding, templates, strategy, code, repair.
    const userTurns = requests
      .at(-1)!
      .messages.filter((m) => m.role === 'user')
      .map((m) => m.content);
    expect(userTurns[0]).toMatch(/Step 1\. List the salient objects/);
    expect(userTurns[0]).toMatch(/R0 text "\w+" box x=\d+ y=\d+ w=\d+ h=\d+/);
    expect(userTurns[1]).toMatch(/Step 2\./);
    expect(userTurns[2]).toMatch(/Templates cropped for you .*TEMPLATES\.t0_/);
    expect(userTurns[3]).toMatch(/Step 4\. Write the program/);
    expect(userTurns[4]).toMatch(/Verification failed on the sample screens:\n- seed 1: /);
    // The grounded regions became grayscale templates embedded in the kept program.
    expect(r.templates.length).toBe(2);
    expect(r.program!.source).toMatch(/^const TEMPLATES = \{\n {2}t0_\w+: \{ w: \d+, h: \d+, data: '[A-Za-z0-9+/=]+' \},/);
    expect(r.program!.source).toContain('lib.mentions(utterance, b.text)');
  });

  test('extractProgram keeps only the function from a chatty reply', () => {
    expect(extractProgram('Sure! function affordances(s, u, lib) { if (1) { return []; } } Hope it helps.')).toBe(
      'function affordances(s, u, lib) { if (1) { return []; } }\n',
    );
    expect(extractProgram('no code here')).toBeUndefined();
  });
});
