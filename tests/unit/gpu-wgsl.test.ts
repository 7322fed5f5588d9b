// WGSL assembly (src/gpu/wgsl.ts): includes from shaders/common, and compile errors located in the file and line
// the text came from, through generated preludes and includes (real Dawn compiler).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { assembleWgsl, wgslConstants, wgslLibrary } from '../../src/gpu/wgsl';
import { nodeGpu } from '../../src/gpu/node-gpu';
import { GpuContext } from '../../src/gpu/context';
import { ShaderCompileError } from '../../src/gpu/compile';

const library = {
  'common/a.wgsl': 'fn a() -> f32 { return 1.0; }',
  'common/b.wgsl': '//!include "common/a.wgsl"\nfn b() -> f32 {\n  return a() + 1.0;\n}',
  'common/bad.wgsl': 'fn bad() -> f32 {\n  return nope;\n}',
};

test('includes are resolved once per module, with each line traced to its file', () => {
  const src = 'const X = 1u;\n//!include "common/b.wgsl"\n//!include "common/a.wgsl"\nfn main() {}';
  const p = assembleWgsl('t/main.wgsl', src, ['const N: u32 = 2u;'], library);
  const lines = p.code.split('\n');
  expect(lines.filter((l) => l.startsWith('fn a()'))).toHaveLength(1);
  expect(p.origins).toHaveLength(lines.length);
  expect(p.origins[0]).toEqual({ file: '', line: 0 });
  const at = (text: string) => p.origins[lines.indexOf(text)];
  expect(at('fn main() {}')).toEqual({ file: 'shaders/t/main.wgsl', line: 4 });
  expect(at('  return a() + 1.0;')).toEqual({ file: 'shaders/common/b.wgsl', line: 3 });
  expect(at('fn a() -> f32 { return 1.0; }')).toEqual({ file: 'shaders/common/a.wgsl', line: 1 });
});

test('a malformed or unknown include names the file and line', () => {
  expect(() => assembleWgsl('t/x.wgsl', 'fn f() {}\n//!include common/a.wgsl', [], library)).toThrow(
    /^shaders\/t\/x\.wgsl:2: malformed include/,
  );
  expect(() => assembleWgsl('t/x.wgsl', '\n\n//!include "common/zz.wgsl"', [], library)).toThrow(
    /^shaders\/t\/x\.wgsl:3: unknown include "common\/zz\.wgsl" \(available: common\/a\.wgsl, common\/b\.wgsl, common\/bad\.wgsl\)/,
  );
  expect(() => wgslConstants({ X: -1 })).toThrow(/X = -1/);
});

test('every shader in the repository assembles: its includes exist', () => {
  expect(wgslLibrary()).toEqual(expect.arrayContaining(['common/reduce.wgsl', 'common/softmax.wgsl', 'common/image.wgsl']));
  const root = path.resolve(__dirname, '../../shaders');
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.wgsl'));
  expect(files.length).toBeGreaterThan(15);
  for (const f of files) expect(() => assembleWgsl(f, fs.readFileSync(path.join(root, f), 'utf8')), f).not.toThrow();
});

describe('located compile errors through the assembly (Dawn)', () => {
  let ctx: GpuContext;
  beforeAll(async () => {
    ctx = await GpuContext.create(await nodeGpu());
  });
  afterAll(() => ctx?.close());

  test('an error in an included file points at that file and line', async () => {
    const p = assembleWgsl(
      't/main.wgsl',
      'const X = 1u;\n//!include "common/bad.wgsl"\n@compute @workgroup_size(1) fn main() {}',
      ['const N = 2u;'],
      library,
    );
    const err = await ctx.pipeline({ ...p, label: 'my-kernel' }).catch((e) => e);
    expect(err).toBeInstanceOf(ShaderCompileError);
    expect(err.message).toMatch(/^shaders\/common\/bad\.wgsl:2:\d+: error: .*nope.* \(in my-kernel\)$/s);
    expect(err.diagnostics[0]).toMatchObject({ file: 'shaders/common/bad.wgsl', line: 2, lineText: '  return nope;' });
  });

  test('an error after a prelude and an include points at the including file', async () => {
    const src = '//!include "common/b.wgsl"\n\n@compute @workgroup_size(1) fn main() {\n  let y = b() + missing;\n}';
    const p = assembleWgsl('t/main.wgsl', src, ['const N = 2u;', 'const M = 3u;'], library);
    const err = await ctx.pipeline({ ...p, label: 'shaders/t/main.wgsl' }).catch((e) => e);
    expect(err.message).toMatch(/^shaders\/t\/main\.wgsl:4:\d+: error: .*missing/);
    expect(err.message).not.toContain('(in ');
  });
});
