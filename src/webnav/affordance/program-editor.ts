/**
 * The affordance program editor: CodeMirror 6 with the sandbox's errors shown at their line (gutter marker,
 * underline, hover message).
 *
 * Example:
 *   const ed = createProgramEditor(div, source, (text) => save(text));
 *   ed.showError({ kind: 'runtime', message: 'TypeError: …', line: 3, column: 9 });
 *   ed.setText(newSource);
 */
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { formatSandboxError, type SandboxError } from './program';

export interface ProgramEditor {
  text(): string;
  setText(text: string): void;
  showError(error: SandboxError | null): void;
  destroy(): void;
}

export function createProgramEditor(parent: HTMLElement, doc: string, onChange: (text: string) => void): ProgramEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        lintGutter(),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
        EditorView.theme({ '&': { fontSize: '0.8rem', maxHeight: '22rem' }, '.cm-scroller': { overflow: 'auto' } }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    setText(text) {
      if (text !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    },
    showError(error) {
      const diagnostics: Diagnostic[] = [];
      if (error) {
        const doc = view.state.doc;
        const lineNo = Math.min(Math.max(1, error.line ?? 1), doc.lines);
        const line = doc.line(lineNo);
        const from = error.line ? Math.min(line.to, line.from + Math.max(0, (error.column ?? 1) - 1)) : line.from;
        diagnostics.push({ from, to: Math.max(from + 1, line.to), severity: 'error', message: formatSandboxError(error) });
      }
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    destroy: () => view.destroy(),
  };
}
