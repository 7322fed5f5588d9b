// The judge (reference-free and reference-based, n samples averaged, a bad score repaired once) against the
// local OpenAI-protocol server, and the model-output readers: code blocks and SEARCH/REPLACE edits.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, describe, expect, test } from 'vitest';
import { openAiCompatible } from '../../../src/llm/openai';
import { applyEdits, codeFromAnswer, parseEdits } from '../../../src/paper2code/edits';
import { paperFromMarkdown } from '../../../src/paper2code/paper';
import { revertRepair } from '../../../src/paper2code/pipeline';
import { repoFromZip, reviewRepository } from '../../../src/paper2code/review';
import { newProject } from '../../../src/paper2code/types';
import { startOpenAiServer, type OpenAiServer } from '../llm/openai-server';
import { FIXTURES } from './make-pdf';
import { CODE, paperCoderStage } from './scripted-papercoder';

const paper = paperFromMarkdown(fs.readFileSync(path.join(FIXTURES, 'tiny-paper.md'), 'utf8'));
let server: OpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('review', () => {
  test('reference-free: n samples averaged, critiques kept, an out-of-range score repaired once', async () => {
    const scores = ['7', '4', '3', '5'];
    server = await startOpenAiServer((req) => {
      expect(paperCoderStage(req).stage === 'review' || paperCoderStage(req).stage === 'schema-repair').toBe(true);
      const score = scores.shift()!;
      return {
        content: `[CONTENT]{"critiques": [{"file": "main.py", "function": "main", "severity": "Medium", "critique": "score ${score}"}], "score": ${score}}[/CONTENT]`,
      };
    });
    const state = newProject(paper);
    state.files = { ...CODE };
    const review = await reviewRepository(state, { llm: openAiCompatible({ baseUrl: server.baseUrl, model: 'judge' }), samples: 3 });
    expect(review.mode).toBe('reference-free');
    expect(review.samples.map((s) => s.score)).toEqual([4, 3, 5]);
    expect(review.score).toBe(4);
    expect(review.samples[0].critiques[0]).toEqual({ file: 'main.py', function: 'main', severity: 'medium', critique: 'score 4' });
    expect(server.requests[1].messages.at(-1)!.content).toContain('$."score" should be between 1 and 5, got 7');
    expect(server.requests[0].temperature).toBe(1);
    expect(server.requests[0].messages.at(-1)!.content).toContain('## Repository to evaluate');
    expect(server.requests[0].messages.at(-1)!.content).not.toContain("Authors' repository");
    expect(state.review).toEqual(review);
  });

  test("reference-based: the authors' repository zip (top folder stripped, only source files) goes into the prompt", async () => {
    server = await startOpenAiServer(() => ({ content: '[CONTENT]{"critiques": [], "score": 2}[/CONTENT]' }));
    const zip = zipSync({
      'perceptron-main/train.py': strToU8('def train():\n    return "authors"\n'),
      'perceptron-main/fig.png': new Uint8Array([1, 2, 3]),
      'perceptron-main/README.md': strToU8('# Authors'),
    });
    const reference = repoFromZip('authors.zip', zip);
    expect(Object.keys(reference)).toEqual(['README.md', 'train.py']);
    const state = newProject(paper);
    state.files = { ...CODE };
    const review = await reviewRepository(state, {
      llm: openAiCompatible({ baseUrl: server.baseUrl, model: 'judge' }),
      samples: 1,
      reference,
    });
    expect(review).toMatchObject({ mode: 'reference-based', score: 2 });
    const prompt = server.requests[0].messages.at(-1)!.content;
    expect(prompt).toContain("## Authors' repository (the reference)\n### README.md");
    expect(prompt).toContain('return "authors"');
    expect(() => repoFromZip('x.zip', new Uint8Array([1, 2, 3]))).toThrow(/x\.zip is not a readable zip/);
    expect(() => repoFromZip('img.zip', zipSync({ 'a.png': new Uint8Array([1]) }))).toThrow('img.zip holds no source files');
  });
});

describe('reading model output', () => {
  test('the code block of the asked file; another file or no block is a clear error', () => {
    expect(codeFromAnswer('Sure.\n## Code: model.py\n```python\nx = 1\n```\nDone.', 'model.py')).toBe('x = 1\n');
    expect(codeFromAnswer('```python\ny = 2\n```', 'main.py')).toBe('y = 2\n');
    expect(() => codeFromAnswer('## Code: other.py\n```python\nx = 1\n```', 'main.py')).toThrow(
      'Asked for main.py, the model wrote other.py instead',
    );
    expect(() => codeFromAnswer('I cannot do that.', 'main.py')).toThrow('The answer for main.py holds no fenced code block');
  });

  test('SEARCH/REPLACE edits: applied in order, trailing spaces tolerated, unknown files and missing text refused', () => {
    const files = { 'a.py': 'x = 1\ny = 2\n', 'b.py': 'z = 3\n' };
    const edits = parseEdits(
      'Filename: a.py\n<<<<<<< SEARCH\nx = 1  \ny = 2\n=======\nx = 10\ny = 2\n>>>>>>> REPLACE\n\n**Filename:** `b.py`\n<<<<<<< SEARCH\nz = 3\n=======\nz = 30\n>>>>>>> REPLACE',
    );
    expect(edits.map((e) => e.file)).toEqual(['a.py', 'b.py']);
    const applied = applyEdits(files, edits);
    expect(applied.files).toEqual({ 'a.py': 'x = 10\ny = 2\n', 'b.py': 'z = 30\n' });
    expect(applied.before).toEqual(files);
    expect(() => applyEdits(files, parseEdits('Filename: c.py\n<<<<<<< SEARCH\nq\n=======\nr\n>>>>>>> REPLACE'))).toThrow(
      'An edit targets c.py, which is not a file of the repository (a.py, b.py)',
    );
    expect(() => applyEdits(files, parseEdits('Filename: a.py\n<<<<<<< SEARCH\nnope\n=======\nr\n>>>>>>> REPLACE'))).toThrow(
      'In a.py, the SEARCH text was not found',
    );
    expect(() => parseEdits('Filename: a.py\n<<<<<<< SEARCH\nx\n=======\ny\n')).toThrow('not closed with >>>>>>> REPLACE');
    expect(() => applyEdits(files, [])).toThrow('The answer holds no SEARCH/REPLACE edit');
  });

  test('reverting a repair round restores the files before it, and every later round', () => {
    const state = newProject(paper);
    state.files = { 'a.py': 'v3\n' };
    state.repairs = [
      { round: 1, log: '', edits: [], before: { 'a.py': 'v1\n' } },
      { round: 2, log: '', edits: [], before: { 'a.py': 'v2\n' } },
    ];
    revertRepair(state, 1);
    expect(state.files['a.py']).toBe('v1\n');
    expect(state.repairs.map((r) => r.reverted)).toEqual([true, true]);
  });
});
