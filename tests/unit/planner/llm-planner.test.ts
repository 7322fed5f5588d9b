// The LLM planner's pipeline and repair loop against a local server speaking the OpenAI protocol.
import { afterEach, expect, test } from 'vitest';
import { openAiCompatible } from '../../../src/llm/openai';
import { parse, stripLocs } from '../../../src/workflow/lang';
import { plan, repair, type PlanAttempt } from '../../../src/workflow/planner';
import { plannerStage, startOpenAiServer, type OpenAiServer } from '../llm/openai-server';

const NODES = '```\nimg = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nclip = AnimateImage(frames=48, motion="zoom-in")\n```';
const CORRECT =
  'img = LoadImage(source="cat.jpg")\ntoon = Cartoonize(levels=6)\nclip = AnimateImage(frames=48, motion="zoom-in")\nimg.image -> toon.image\ntoon.image -> clip.image';

let server: OpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test('a program with a port error is repaired from the checker diagnostics: 2 attempts recorded', async () => {
  server = await startOpenAiServer((req) => {
    switch (plannerStage(req)) {
      case 'analyse':
        return { content: 'PARADIGM: Image -> Video\nFUNCTIONS: LoadImage, Cartoonize, AnimateImage' };
      case 'nodes':
        return { content: `Here are the nodes:\n${NODES}` };
      case 'link': // wrong input port name on the last edge
        return { content: 'img.image -> toon.image\ntoon.image -> clip.frames' };
      case 'repair':
        return { content: `Fixed:\n\`\`\`\n${CORRECT}\n\`\`\`` };
      case 'program':
        throw new Error('this server has no structured output: it answers HTTP 400 before asking here');
    }
  });
  const llm = openAiCompatible({ baseUrl: server.baseUrl, apiKey: 'sk-local', model: 'planner-test' });
  const seen: PlanAttempt[] = [];
  const stages: string[] = [];
  const r = await plan('turn this cat photo into a cartoon-style video', {
    backend: llm,
    onAttempt: (a) => seen.push(a),
    onStage: (s) => stages.push(s),
  });

  // First the program as JSON (refused: HTTP 400), then the text pipeline.
  expect(server.requests.map(plannerStage)).toEqual(['program', 'analyse', 'nodes', 'link', 'repair']);
  expect(stages).toEqual(['retrieve', 'program', 'analyse', 'retrieve', 'nodes', 'link', 'check', 'repair', 'check']);
  expect(r.attempts).toHaveLength(2);
  expect(seen).toEqual(r.attempts);
  const [first, second] = r.attempts;
  expect(first.stage).toBe('generate');
  expect(first.text.split('\n')).toHaveLength(5);
  const err = first.diagnostics.find((d) => d.severity === 'error' && d.line === 5)!;
  expect(err).toMatchObject({ node: 'clip', port: 'frames' });
  expect(err.message).toMatch(/no input port 'frames'/);
  // The repair request carries the located diagnostic and the broken program.
  const repairPrompt = server.requests[4].messages.at(-1)!.content;
  expect(repairPrompt).toContain(`5:${err.column}: error: ${err.message}`);
  expect(repairPrompt).toContain('toon.image -> clip.frames');
  // Node knowledge and retrieved references travel in the system prompt.
  expect(server.requests[2].messages[0].content).toMatch(/AnimateImage\(frames: integer 2\.\.240/);
  expect(server.requests[2].messages[0].content).toContain('Reference programs:');
  expect(second).toMatchObject({ stage: 'repair', text: CORRECT, diagnostics: [] });
  expect(r).toMatchObject({ ok: true, program: CORRECT, diagnostics: [], backend: 'openai:planner-test' });
});

test('a model that never fixes its program stops after 3 repairs (4 attempts), not ok', async () => {
  server = await startOpenAiServer((req) => ({
    content: plannerStage(req) === 'analyse' ? 'FUNCTIONS: Cartoonize' : 'toon = Cartoonize(levels=99)',
  }));
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'stubborn' });
  const r = await plan('cartoonize it', { backend: llm });
  expect(r.attempts.map((a) => a.stage)).toEqual(['generate', 'repair', 'repair', 'repair']);
  expect(r.ok).toBe(false);
  expect(r.diagnostics.some((d) => d.severity === 'error' && /levels/.test(d.message))).toBe(true);
  expect(server.requests).toHaveLength(7); // the refused JSON request, then analyse, nodes, link and 3 repairs
});

test('an endpoint error ends the plan with one attempt that says what happened', async () => {
  server = await startOpenAiServer(() => ({ status: 500, body: '{"error":{"message":"out of memory"}}' }));
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'm' });
  const r = await plan('turn this cat photo into a cartoon-style video', { backend: llm });
  expect(r.ok).toBe(false);
  expect(r.attempts).toHaveLength(1);
  expect(r.attempts[0].error).toMatch(/HTTP 500.*out of memory/);
});

test('a run error is fed back through repair()', async () => {
  server = await startOpenAiServer(() => ({ content: CORRECT.replace('frames=48', 'frames=24') }));
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'm' });
  const r = await repair('cartoon video of the cat', CORRECT, 'clip (AnimateImage): video encoder ran out of memory at frame 40', {
    backend: llm,
  });
  // The JSON repair is refused (HTTP 400); the same repair then goes as text.
  expect(server.requests.map((q) => Boolean(q.response_format))).toEqual([true, false]);
  expect(server.requests[1].messages.at(-1)!.content).toContain('ran out of memory at frame 40');
  expect(r.attempts).toHaveLength(1);
  expect(r.ok).toBe(true);
  expect(r.program).toContain('frames=24');
});

test('program text is taken from code fences, else from statement-like lines; prose is dropped', async () => {
  const { extractProgram } = await import('../../../src/workflow/planner/extract');
  expect(extractProgram('Sure! Here it is:\n```alang\na = TextInput(text="x")\n```\nHope that helps.')).toBe('a = TextInput(text="x")');
  expect(extractProgram('First the node:\na = TextInput(text="x")\nthen connect\na.text -> b.text\n# done')).toBe(
    'a = TextInput(text="x")\na.text -> b.text\n# done',
  );
  // A malformed statement still reaches the checker (which will locate it).
  expect(extractProgram('a = TextInput(text="x"')).toBe('a = TextInput(text="x"');
});

// Structured output: the program's JSON form with a schema, where the endpoint supports response_format.
// The program read from JSON is printed in canonical form (nodes, a blank line, edges).
const CANONICAL = CORRECT.replace('\nimg.image', '\n\nimg.image');
const CORRECT_JSON = stripLocs(parse(CORRECT).program);

test('an endpoint with structured output is asked for JSON with the program schema; the JSON is checked and printed', async () => {
  server = await startOpenAiServer(() => ({ content: JSON.stringify(CORRECT_JSON) }), { structuredOutput: true });
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'json-test' });
  const stages: string[] = [];
  const r = await plan('turn this cat photo into a cartoon-style video', { backend: llm, onStage: (s) => stages.push(s) });
  expect(stages).toEqual(['retrieve', 'program', 'check']);
  expect(server.requests).toHaveLength(1);
  const format = server.requests[0].response_format!;
  expect(format.type).toBe('json_schema');
  const schema = format.json_schema!.schema as {
    properties: {
      nodes: { items: { anyOf: { properties: { fn: { enum: string[] }; params: { properties: Record<string, unknown> } } }[] } };
    };
  };
  const cartoonize = schema.properties.nodes.items.anyOf.find((s) => s.properties.fn.enum[0] === 'Cartoonize')!;
  expect(cartoonize.properties.params.properties.levels).toMatchObject({ type: 'integer', minimum: 2, maximum: 16 });
  // The prompt shows the retrieved functions' signatures.
  expect(server.requests[0].messages[0].content).toMatch(/Cartoonize\(levels: integer 2\.\.16/);
  expect(r).toMatchObject({ ok: true, program: CANONICAL, diagnostics: [] });
  expect(r.attempts).toHaveLength(1);
});

test('a JSON program that fails the check is repaired as JSON from the diagnostics (≤ 3 repairs)', async () => {
  const bad = structuredClone(CORRECT_JSON);
  bad.nodes[1].params.levels = 99;
  bad.edges[1].to.port = 'frames';
  server = await startOpenAiServer((req) => ({ content: JSON.stringify(plannerStage(req) === 'program' ? bad : CORRECT_JSON) }), {
    structuredOutput: true,
  });
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'json-test' });
  const r = await plan('turn this cat photo into a cartoon-style video', { backend: llm });
  expect(server.requests.map(plannerStage)).toEqual(['program', 'repair']);
  expect(server.requests[1].response_format?.type).toBe('json_schema');
  const repairPrompt = server.requests[1].messages.at(-1)!.content;
  expect(repairPrompt).toMatch(/toon\.levels must be between 2 and 16, got 99/);
  expect(repairPrompt).toMatch(/no input port 'frames'/);
  expect(r.attempts.map((a) => a.stage)).toEqual(['generate', 'repair']);
  expect(r.attempts[0].text).toContain('levels=99');
  expect(r).toMatchObject({ ok: true, program: CANONICAL });
});

test('an endpoint that refused structured output is planned as text from then on (one refused request in all)', async () => {
  server = await startOpenAiServer((req) => ({
    content:
      plannerStage(req) === 'nodes'
        ? CORRECT
        : plannerStage(req) === 'link'
          ? 'img.image -> toon.image\ntoon.image -> clip.image'
          : 'FUNCTIONS: x',
  }));
  const llm = openAiCompatible({ baseUrl: server.baseUrl, model: 'plain' });
  const first = await plan('cartoon video of the cat', { backend: llm });
  const second = await plan('cartoon video of the cat', { backend: llm });
  expect(server.requests.map(plannerStage)).toEqual(['program', 'analyse', 'nodes', 'link', 'analyse', 'nodes', 'link']);
  expect(first.attempts[0].raw).toMatch(/structured output refused by the endpoint \(HTTP 400\)/);
  expect([first.ok, second.ok]).toEqual([true, true]);
});
