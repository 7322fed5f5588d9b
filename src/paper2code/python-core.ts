/**
 * Runs a generated repository in a loaded Pyodide, inside a sandbox process (the page's module worker
 * `workers/paper2code-python.worker.ts`, or a Node child process for the command line). What this module
 * enforces from inside: a wasm memory cap (set before Pyodide loads), no network once the program starts
 * (fetch, XMLHttpRequest, WebSocket… are deleted), third-party imports only through Pyodide's package loader
 * and only when the user allows it, and errors located as `file:line: Type: message` in the repository's own
 * files. The host (`sandbox-host.ts`) enforces the time limit by terminating the process.
 */
import type { PyodideAPI } from 'pyodide';

export interface RunJob {
  files: Record<string, string>;
  entry: string;
  /** Let Pyodide's loader fetch packages (numpy …) from its package index; needs the network. */
  allowInstall: boolean;
  /** For engines that enforce limits themselves (QuickJS); the host enforces the time limit regardless. */
  timeoutMs?: number;
  memoryMb?: number;
}

export type SandboxMessage =
  | { type: 'ready' }
  | { type: 'out'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'done'; exitCode: number; error?: string }
  | { type: 'fatal'; message: string };

export const REPO_DIR = '/repo';
export const DEFAULT_MEMORY_MB = 1024;
/** Pyodide's own package index, used only when the user allows installs. */
export const PACKAGE_INDEX = (version: string) => `https://cdn.jsdelivr.net/pyodide/v${version}/full/`;

/**
 * Emscripten grows the heap through `WebAssembly.Memory.prototype.grow` inside a try/catch and reports a
 * failed allocation to Python, so refusing growth past the cap turns into Python's MemoryError.
 */
export function capWasmMemory(maxBytes: number): void {
  const proto = WebAssembly.Memory.prototype;
  const grow = proto.grow;
  proto.grow = function (this: WebAssembly.Memory, pages: number) {
    if (this.buffer.byteLength + pages * 65536 > maxBytes)
      throw new RangeError(`memory limit of ${Math.round(maxBytes / 2 ** 20)} MB reached`);
    return grow.call(this, pages);
  };
}

/** Removes every way out to the network from this global scope. */
export function blockNetwork(scope: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
  for (const name of [
    'fetch',
    'XMLHttpRequest',
    'WebSocket',
    'EventSource',
    'importScripts',
    'WebTransport',
    'Request',
    'BroadcastChannel',
  ]) {
    try {
      delete scope[name];
      if (name in scope) Object.defineProperty(scope, name, { value: undefined, configurable: false, writable: false });
    } catch {
      // a non-configurable global stays, but is not used by Pyodide or reachable as a function
    }
  }
}

const DRIVER = `
import sys, os, runpy, traceback, json
from pyodide.code import find_imports

def _p2c_repo_modules(root):
    names = set()
    for dirpath, dirnames, filenames in os.walk(root):
        rel = os.path.relpath(dirpath, root)
        if rel != '.':
            names.add(rel.split(os.sep)[0])
        for f in filenames:
            if f.endswith('.py') and rel == '.':
                names.add(f[:-3])
    return names

def _p2c_third_party(root):
    local = _p2c_repo_modules(root)
    found = {}
    for dirpath, _, filenames in os.walk(root):
        for f in filenames:
            if not f.endswith('.py'):
                continue
            path = os.path.join(dirpath, f)
            try:
                with open(path) as fh:
                    imports = find_imports(fh.read())
            except SyntaxError:
                continue
            for name in imports:
                top = name.split('.')[0]
                if top not in sys.stdlib_module_names and top not in local and top not in found:
                    found[top] = os.path.relpath(path, root)
    return found

def _p2c_run(root, entry):
    for name, mod in list(sys.modules.items()):
        f = getattr(mod, '__file__', None) or ''
        if f.startswith(root + '/'):
            del sys.modules[name]
    os.chdir(root)
    sys.path.insert(0, root)
    sys.argv = [entry]
    code, error = 0, None
    try:
        runpy.run_path(os.path.join(root, entry), run_name='__main__')
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException as e:
        code = 1
        tb = traceback.TracebackException.from_exception(e)
        frames = [f for f in tb.stack if f.filename.startswith(root + '/')]
        lines = ['Traceback (most recent call last):\\n']
        lines += traceback.StackSummary.from_list(frames).format()
        lines += list(tb.format_exception_only())
        sys.stderr.write(''.join(lines))
        message = ''.join(tb.format_exception_only()).strip().splitlines()[-1]
        if isinstance(e, SyntaxError) and e.filename and e.filename.startswith(root + '/'):
            error = f"{os.path.relpath(e.filename, root)}:{e.lineno}: {message}"
        elif frames:
            last = frames[-1]
            error = f"{os.path.relpath(last.filename, root)}:{last.lineno}: {message}"
        else:
            error = message
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        if root in sys.path:
            sys.path.remove(root)
    return json.dumps({'exitCode': code, 'error': error})
`;

function writeRepo(py: PyodideAPI, files: Record<string, string>): void {
  const fs = py.FS;
  const remove = (path: string) => {
    for (const name of fs.readdir(path) as string[]) {
      if (name === '.' || name === '..') continue;
      const p = `${path}/${name}`;
      if (fs.isDir(fs.stat(p).mode)) {
        remove(p);
        fs.rmdir(p);
      } else fs.unlink(p);
    }
  };
  if (fs.analyzePath(REPO_DIR).exists) remove(REPO_DIR);
  fs.mkdirTree(REPO_DIR);
  for (const [path, text] of Object.entries(files)) {
    if (path.startsWith('/') || path.split('/').includes('..')) throw new Error(`Unsafe file path in the repository: ${path}`);
    const dir = path.includes('/') ? `${REPO_DIR}/${path.slice(0, path.lastIndexOf('/'))}` : REPO_DIR;
    fs.mkdirTree(dir);
    fs.writeFile(`${REPO_DIR}/${path}`, text);
  }
}

/** Runs one job in an already loaded Pyodide (the driver is defined on first use). */
export async function executeJob(
  py: PyodideAPI,
  job: RunJob,
  post: (m: SandboxMessage) => void,
  state: { networkBlocked: boolean },
): Promise<void> {
  py.setStdout({ batched: (text: string) => post({ type: 'out', stream: 'stdout', text: `${text}\n` }) });
  py.setStderr({ batched: (text: string) => post({ type: 'out', stream: 'stderr', text: `${text}\n` }) });
  if (!py.globals.has('_p2c_run')) py.runPython(DRIVER);
  if (!(job.entry in job.files)) return post({ type: 'done', exitCode: 1, error: `The entry point ${job.entry} is not in the repository` });
  writeRepo(py, job.files);
  const thirdParty = (py.globals.get('_p2c_third_party')(REPO_DIR).toJs({ dict_converter: Object.fromEntries }) ?? {}) as Record<
    string,
    string
  >;
  // Only imports Pyodide has packages for can be installed; any other missing module fails in Python itself,
  // with the file and line of its import.
  const installable = new Set(Object.values(py.lockfile.packages).flatMap((p) => p.imports ?? []));
  const names = Object.keys(thirdParty).filter((n) => installable.has(n));
  if (names.length) {
    const where = names.map((n) => `${n} (imported in ${thirdParty[n]})`).join(', ');
    if (!job.allowInstall || state.networkBlocked) {
      return post({
        type: 'done',
        exitCode: 1,
        error: `The program imports ${where}, not in Python's standard library. Allow package installs (needs the network) to fetch it through Pyodide's package loader, or use the standard library only.`,
      });
    }
    const failures: string[] = [];
    for (const text of Object.values(job.files)) {
      await py.loadPackagesFromImports(text, { messageCallback: () => {}, errorCallback: (m: string) => failures.push(m) });
    }
    const missing = names.filter((n) => {
      try {
        py.pyimport(n);
        return false;
      } catch {
        return true;
      }
    });
    if (missing.length) {
      return post({
        type: 'done',
        exitCode: 1,
        error: `Could not install ${missing.join(', ')} through Pyodide's package loader (offline?)${failures.length ? `: ${failures[0]}` : ''}`,
      });
    }
  }
  // The program itself never reaches the network.
  if (!state.networkBlocked) {
    blockNetwork();
    state.networkBlocked = true;
  }
  const result = JSON.parse(py.globals.get('_p2c_run')(REPO_DIR, job.entry) as string) as { exitCode: number; error: string | null };
  post({ type: 'done', exitCode: result.exitCode, ...(result.error ? { error: result.error } : {}) });
}
