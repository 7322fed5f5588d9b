// The pipeline against a local server speaking the OpenAI chat-completions protocol (the scripted model of
// scripted-papercoder.ts): what each stage sends, malformed JSON repaired once, bad task lists, endpoint
// failures (401, 429, time-out) with nothing lost and a resume, cancel, edits re-running only what depends
// on them, and the context strategy when the prompt does not fit.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openAiCompatible } from '../../../src/llm/openai';
import { artifactFiles } from '../../../src/paper2code/artifacts';
import { paperFromMarkdown } from '../../../src/paper2code/paper';
import { editArtifact, runPipeline, usageByStage, type PipelineOptions } from '../../../src/paper2code/pipeline';
import { newProject, type ProjectState } from '../../../src/paper2code/types';
import { startOpenAiServer, usageOf, type ChatRequest, type OpenAiServer, type ServerAnswer } from '../llm/openai-server';
import { ARTIFACT_TREE, CODE, LOGIC, paperCoderAnswer, paperCoderStage, type ScriptOptions } from './scripted-papercoder';
import { FIXTURES } from './make-pdf';

const paper = paperFromMarkdown(fs.readFileSync(path.join(FIXTURES, 'tiny-paper.md'), 'utf8'));
let server: OpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(answer: (req: ChatRequest, i: number) => ServerAnswer): Promise<OpenAiServer> {
  server = await startOpenAiServer(answer);
  return server;
}
const llmAt = (s: { baseUrl: string }) => openAiCompatible({ baseUrl: s.baseUrl, model: 'scripted', apiKey: 'sk-test' });
const stages = (s: OpenAiServer) =>
  s.requests.map((r) => {
    const { stage, file } = paperCoderStage(r);
    return file ? `${stage}:${file}` : stage;
  });
const script =
  (opts: ScriptOptions = {}) =>
  (req: ChatRequest) =>
    paperCoderAnswer(req, opts);

describe('pipeline without a runner', () => {
  test('stages in order with the real prompts; malformed JSON gets one repair round; artifacts in PaperCoder layout', async () => {
    const s = await serve(script({ malformedDesign: true }));
    const state = newProject(paper);
    const saved: string[] = [];
    await runPipeline(state, { llm: llmAt(s), onState: (st) => void saved.push(JSON.stringify(st)) });
    expect(stages(s)).toEqual([
      'plan',
      'design',
      'schema-repair',
      'logic',
      'config',
      'analysis:data.py',
      'analysis:model.py',
      'analysis:main.py',
      'code:data.py',
      'code:model.py',
      'code:main.py',
    ]);
    const [plan, design, repair, , config, , , analysisMain, , , codeMain] = s.requests;
    expect(plan.messages.at(-1)!.content).toContain('averaging the weight vector over all updates');
    expect(plan.messages.at(-1)!.content).not.toMatch(/\[1\]|Rosenblatt/); // citations and references dropped
    expect(plan.authorization).toBe('Bearer sk-test');
    // One growing conversation: the design turn carries the plan answer; the config turn all three answers.
    expect(design.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(repair.messages.at(-1)!.content).toMatch(/^Your answer could not be used: The JSON does not parse/);
    expect(config.messages.filter((m) => m.role === 'assistant')).toHaveLength(3);
    expect(config.messages[6].content).toContain('"Task list"');
    expect(analysisMain.messages.at(-1)!.content).toContain('learning_rate: 0.1');
    // Coding main.py: every file written before it is in the prompt, in full.
    const mainPrompt = codeMain.messages.at(-1)!.content;
    expect(mainPrompt).toContain(CODE['data.py'].trim());
    expect(mainPrompt).toContain(CODE['model.py'].trim());
    expect(mainPrompt).toContain('Analysis of main.py');
    expect(state.files['main.py']).toBe(CODE['main.py']);
    expect(state.files['config.yaml']).toContain('epochs: 10');
    expect(saved.length).toBeGreaterThanOrEqual(10); // saved after every step
    expect(Object.keys(artifactFiles(state)).sort()).toEqual(ARTIFACT_TREE);
    const usage = usageByStage(state, { input: 1, output: 2 });
    expect(usage.map((u) => [u.stage, u.calls])).toEqual([
      ['planning', 5],
      ['analysis', 3],
      ['coding', 3],
    ]);
    for (const u of usage) expect(u.cost).toBeCloseTo((u.inTokens + 2 * u.outTokens) / 1e6, 12);
    // The endpoint reports its own token counts (usage): those are recorded, not estimates.
    const first = state.calls[0];
    const reported = usageOf({ messages: first.messages }, first.response);
    expect(first.counted).toBe(true);
    expect([first.inTokens, first.outTokens]).toEqual([reported.prompt_tokens, reported.completion_tokens]);
  });

  test('JSON malformed twice is a clear error naming the stage; the plan is kept', async () => {
    const s = await serve((req) =>
      ['design', 'schema-repair'].includes(paperCoderStage(req).stage)
        ? { content: '[CONTENT]{"File list": "main.py"}[/CONTENT]' }
        : paperCoderAnswer(req),
    );
    const state = newProject(paper);
    await expect(runPipeline(state, { llm: llmAt(s) })).rejects.toThrow(
      'Planning (architecture design): the model\'s JSON was malformed twice (The JSON does not match the expected shape: $ is missing the key "Implementation approach")',
    );
    expect(state.plan).toContain('Plan:');
    expect(state.error).toMatch(/malformed twice/);
  });

  test.each([
    [{ ...LOGIC, 'Task list': [] }, 'The task list is empty'],
    [
      { ...LOGIC, Dependencies: { 'main.py': ['model.py'], 'model.py': ['data.py'], 'data.py': ['main.py'] } },
      "The task list's dependencies form a cycle: data.py → main.py → model.py → data.py",
    ],
    [
      { ...LOGIC, 'Task list': ['data.py', 'model.py', 'train.py', 'main.py'] },
      "The task list names train.py, which is not in the architecture's File list (main.py, data.py, model.py)",
    ],
    [{ ...LOGIC, 'Task list': ['../etc/passwd'] }, 'not a safe relative file path'],
  ])('a bad task list stops before coding with a clear error (%#)', async (logic, message) => {
    const s = await serve(script({ logic }));
    const state = newProject(paper);
    await expect(runPipeline(state, { llm: llmAt(s) })).rejects.toThrow(message);
    expect(stages(s)).toEqual(['plan', 'design', 'logic']);
    expect(state.logicText).toContain('Task list'); // kept, to be edited
  });

  test('a task list out of dependency order is reordered, with a note', async () => {
    const s = await serve(script({ logic: { ...LOGIC, 'Task list': ['main.py', 'model.py', 'data.py'] } }));
    const state = newProject(paper);
    await runPipeline(state, { llm: llmAt(s) });
    expect(stages(s).filter((x) => x.startsWith('code:'))).toEqual(['code:data.py', 'code:model.py', 'code:main.py']);
    expect(state.notes).toEqual(['Reordered so each file follows the files it imports: data.py → model.py → main.py']);
  });

  test('401, 429 and a time-out: clear messages, nothing lost, and the next run resumes where it stopped', async () => {
    let fail: ServerAnswer | undefined = { status: 401, body: JSON.stringify({ error: { message: 'Incorrect API key provided' } }) };
    const s = await serve((req) => (paperCoderStage(req).stage === 'logic' && fail ? fail : paperCoderAnswer(req)));
    const state = newProject(paper);
    await expect(runPipeline(state, { llm: llmAt(s) })).rejects.toThrow(
      /Planning \(logic design\) failed: .*answered HTTP 401 Unauthorized: Incorrect API key provided — check the API key\. Nothing done so far is lost/,
    );
    expect(state.plan).toBeTruthy();
    expect(state.designText).toBeTruthy();
    fail = { status: 429, body: JSON.stringify({ error: { message: 'Rate limit reached' } }) };
    await expect(runPipeline(state, { llm: llmAt(s) })).rejects.toThrow(
      /HTTP 429 Too Many Requests: Rate limit reached — the endpoint is rate-limiting/,
    );
    fail = undefined;
    const before = s.requests.length;
    await runPipeline(state, { llm: llmAt(s) });
    expect(stages(s).slice(before)[0]).toBe('logic'); // no second plan or design call
    expect(Object.keys(state.files)).toHaveLength(4);

    // A server that never answers: the request time-out names the stage.
    const silent = http.createServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
      const fresh = newProject(paper);
      await expect(runPipeline(fresh, { llm: llmAt({ baseUrl: url }), requestTimeoutMs: 300 })).rejects.toThrow(
        'Planning (overall plan) failed: the endpoint did not answer within 0 s',
      );
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  test('an unreachable endpoint (or one the browser may not call: CORS) says so and how to fix it', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v1`;
    await new Promise((r) => closed.close(r));
    const state = newProject(paper);
    await expect(runPipeline(state, { llm: llmAt({ baseUrl: url }) })).rejects.toThrow(
      /Planning \(overall plan\) failed: Could not reach .*\(is the server running, and does it allow this origin \(CORS\)\?.*\) — for a server without CORS headers, run a local proxy that adds them/,
    );
    expect(state.error).toMatch(/Could not reach/);
  });

  test('cancel stops at the current call and keeps everything before it', async () => {
    const s = await serve(script());
    const state = newProject(paper);
    const controller = new AbortController();
    await expect(
      runPipeline(state, { llm: llmAt(s), signal: controller.signal, onStage: (k) => k === 'analysis:model.py' && controller.abort() }),
    ).rejects.toThrow('Cancelled during Analysis of model.py; everything before it is kept');
    expect(Object.keys(state.analyses)).toEqual(['data.py']);
  });

  test('editing an artifact re-runs only what depends on it', async () => {
    const s = await serve(script());
    const state = newProject(paper);
    const opts: PipelineOptions = { llm: llmAt(s) };
    await runPipeline(state, opts);
    const n = s.requests.length;
    // An analysis feeds its own file and the files after it (they see its code).
    expect(editArtifact(state, { kind: 'analysis', file: 'model.py' }, 'Use a margin of 0.')).toEqual(['model.py', 'main.py']);
    await runPipeline(state, opts);
    expect(stages(s).slice(n)).toEqual(['code:model.py', 'code:main.py']);
    expect(s.requests.at(-2)!.messages.at(-1)!.content).toContain('Use a margin of 0.');
    // A file edit keeps every other artifact.
    const m = s.requests.length;
    editArtifact(state, { kind: 'file', file: 'data.py' }, '# edited\n');
    await runPipeline(state, opts);
    expect(s.requests.length).toBe(m);
    // The config feeds every analysis and file; the planning turns before it stay.
    editArtifact(state, { kind: 'config' }, 'epochs: 3\n');
    await runPipeline(state, opts);
    expect(stages(s).slice(m)).toEqual([
      'analysis:data.py',
      'analysis:model.py',
      'analysis:main.py',
      'code:data.py',
      'code:model.py',
      'code:main.py',
    ]);
    expect(s.requests.at(-1)!.messages.at(-1)!.content).toContain('epochs: 3');
    expect(() => editArtifact(state, { kind: 'design' }, '{ not json')).toThrow(/The edited architecture design does not parse/);
  });

  test('when the paper and earlier files do not fit, earlier files become summaries and sections are selected', async () => {
    const s = await serve(script());
    const state: ProjectState = newProject(paper);
    await runPipeline(state, { llm: llmAt(s), contextTokens: 1000 + 512, maxTokens: 512 });
    const mainCall = state.calls.find((c) => c.key === 'code:main.py')!;
    expect(mainCall.note).toMatch(/^prompt ≈\d+ tokens > budget 1000: 2 earlier file\(s\) as signature summaries/);
    expect(mainCall.note).toMatch(/paper cut to \d of 5 sections most related to this file/);
    const prompt = mainCall.messages.at(-1)!.content;
    expect(prompt).toContain('### model.py (summary: signatures only)');
    expect(prompt).toContain('def predict(self, x: List[float]) -> int:');
    expect(prompt).not.toContain('self.b_sum += self.b');
  });
});
