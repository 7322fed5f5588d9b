// scripts/serve.mjs, attacked as a visitor's browser (or curl) could: raw request paths, a real server on a
// free loopback port, a sibling folder holding a "secret" next to the served one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStaticServer } from '../../../scripts/serve.mjs';

/** GET with the path sent exactly as written (fetch would normalise it). */
function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server (scripts/serve.mjs)', () => {
  let dir: string;
  let server: { port: number; close(): Promise<unknown> };
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'serve-'));
    mkdirSync(path.join(dir, 'dist'));
    mkdirSync(path.join(dir, 'dist-secret'));
    writeFileSync(path.join(dir, 'dist', 'index.html'), '<p>app</p>');
    writeFileSync(path.join(dir, 'dist', 'a b.txt'), 'spaced');
    writeFileSync(path.join(dir, 'dist-secret', 'x'), 'SECRET');
    writeFileSync(path.join(dir, 'outside.txt'), 'SECRET');
    server = await startStaticServer({ root: path.join(dir, 'dist') });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers malformed percent-encoding with 400 and keeps serving', async () => {
    const bad = await rawGet(server.port, '/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/malformed percent-encoding/);
    const ok = await rawGet(server.port, '/');
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('<p>app</p>');
  });

  it('never serves a sibling folder or a parent file, however the path is encoded', async () => {
    for (const p of [
      '/..%2fdist-secret/x',
      '/%2e%2e%2fdist-secret/x',
      '/..%5cdist-secret/x',
      '/..%2f..%2foutside.txt',
      '/..%2foutside.txt',
      '/%2e%2e/outside.txt',
    ]) {
      const res = await rawGet(server.port, p);
      expect(res.body, p).not.toContain('SECRET');
      expect([403, 404], p).toContain(res.status);
    }
  });

  it('still serves encoded names inside the folder', async () => {
    const res = await rawGet(server.port, '/a%20b.txt');
    expect(res).toEqual({ status: 200, body: 'spaced' });
  });
});
