// The LLM planner's pipeline and repair loop against a local server speaking the OpenAI protocol.
import { afterEach, expect, test } from 'vitest';
import { openAiCompatible } from '../../../src/llm/openai';
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

  expect(server.requests.map(plannerStage)).toEqual(['analyse', 'nodes', 'link', 'repair']);
  expect(stages).toEqual(['analyse', 'retrieve', 'nodes', 'link', 'check', 'repair', 'check']);
  expect(r.attempts).toHaveLength(2);
  expect(seen).toEqual(r.attempts);
  const [first, second] = r.attempts;
  expect(first.stage).toBe('generate');
  expect(first.text.split('\n')).toHaveLength(5);
  const err = first.diagnostics.find((d) => d.severity === 'error' && d.line === 5)!;
  expect(err).toMatchObject({ node: 'clip', port: 'frames' });
  expect(err.message).toMatch(/no input port 'frames'/);
  // The repair request carries the located diagnostic and the broken program.
  const repairPrompt = server.requests[3].messages.at(-1)!.content;
  expect(repairPrompt).toContain(`5:${err.column}: error: ${err.message}`);
  expect(repairPrompt).toContain('toon.image -> clip.frames');
  // Node knowledge and retrieved references travel in the system prompt.
  expect(server.requests[1].messages[0].content).toMatch(/AnimateImage\(frames: integer 2\.\.240/);
  expect(server.requests[1].messages[0].content).toContain('Reference programs:');
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
  expect(server.requests).toHaveLength(6);
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
  expect(server.requests[0].messages.at(-1)!.content).toContain('ran out of memory at frame 40');
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
