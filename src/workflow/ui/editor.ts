/**
 * The program editor: CodeMirror 6 with A-Language highlighting (a small stream tokenizer), inline
 * diagnostics from alang's parser + checker (underlines, gutter markers, hover messages), and the editor's
 * own undo history — graph edits are applied as editor transactions, so one undo stack covers both views.
 *
 * Example:
 *   const ed = createEditor(div, { doc: text, lint: (t) => langWorker().analyse(t).then((a) => a.diagnostics), onChange: (t) => save(t) });
 *   ed.replaceAll(newText); ed.undo();
 */
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StringStream } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { isolateHistory, redo, undo } from '@codemirror/commands';
import { tags } from '@lezer/highlight';
import type { Diagnostic } from '../lang/types';

interface TokState {
  /** Inside `Fn( … )`: names before `=` are parameters. */
  inArgs: boolean;
  afterDot: boolean;
}

const alangLanguage = StreamLanguage.define<TokState>({
  name: 'alang',
  startState: () => ({ inArgs: false, afterDot: false }),
  token(stream: StringStream, state: TokState): string | null {
    if (stream.sol()) state.afterDot = false;
    if (stream.eatSpace()) return null;
    if (stream.match('#')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/)) return 'number';
    if (stream.match('->')) return 'operator';
    if (stream.match(/^(true|false)\b/)) return 'bool';
    if (stream.match(/^[A-Za-z_][A-Za-z0-9_]*/)) {
      const word = stream.current();
      if (state.afterDot) {
        state.afterDot = false;
        return 'propertyName';
      }
      if (stream.peek() === '(') return 'typeName';
      if (state.inArgs && /^\s*=/.test(stream.string.slice(stream.pos))) return 'attributeName';
      return word ? 'variableName' : null;
    }
    const ch = stream.next();
    if (ch === '(') state.inArgs = true;
    if (ch === ')') state.inArgs = false;
    if (ch === '.') state.afterDot = true;
    return ch === '=' ? 'operator' : 'punctuation';
  },
  tokenTable: {
    typeName: tags.typeName,
    propertyName: tags.propertyName,
    attributeName: tags.attributeName,
    variableName: tags.variableName,
  },
});

const alangHighlight = HighlightStyle.define([
  { tag: tags.comment, color: '#7d8aa5', fontStyle: 'italic' },
  { tag: tags.string, color: '#a5e075' },
  { tag: tags.number, color: '#f7a35c' },
  { tag: tags.bool, color: '#f7a35c' },
  { tag: tags.operator, color: '#ff7b9c', fontWeight: 'bold' },
  { tag: tags.typeName, color: '#c3a6ff', fontWeight: 'bold' },
  { tag: tags.propertyName, color: '#7ee0ff' },
  { tag: tags.attributeName, color: '#9be9a8' },
  { tag: tags.variableName, color: '#e6ebf5' },
]);

/** Matches the app's dark palette (src/ui/app.css). */
const darkTheme = EditorView.theme(
  {
    '&': { fontSize: '13px', height: '100%', backgroundColor: '#0b1019', color: '#e6ebf5' },
    '.cm-scroller': { fontFamily: 'ui-monospace, monospace' },
    '.cm-gutters': { backgroundColor: '#121826', color: '#93a0b8', border: 'none' },
    '.cm-activeLine': { backgroundColor: '#ffffff0a' },
    '.cm-activeLineGutter': { backgroundColor: '#ffffff12' },
    '.cm-content': { caretColor: '#e6ebf5' },
    '.cm-cursor, .cm-dropCursor': { borderLeftColor: '#e6ebf5' },
    '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground': { backgroundColor: '#2a3b5c' },
    '.cm-tooltip': { backgroundColor: '#171e2e', color: '#e6ebf5', border: '1px solid #34405c' },
  },
  { dark: true },
);

/** alang diagnostic (1-based line:column) → CodeMirror range: from the column to the end of the word. */
export function toCmDiagnostic(state: EditorState, d: Diagnostic): CmDiagnostic {
  const line = state.doc.line(Math.min(Math.max(1, d.line), state.doc.lines));
  const from = Math.min(line.to, line.from + Math.max(0, d.column - 1));
  const word = /^[A-Za-z0-9_."-]+/.exec(line.text.slice(from - line.from))?.[0].length ?? 0;
  return {
    from,
    to: Math.min(line.to, from + Math.max(1, word)),
    severity: d.severity,
    message: `${d.line}:${d.column} ${d.message}`,
    source: d.node ? `node ${d.node}` : undefined,
  };
}

export interface EditorOptions {
  doc: string;
  /** Diagnostics for the text; may be asynchronous (the tab analyses in a worker). */
  lint: (text: string) => Diagnostic[] | Promise<Diagnostic[]>;
  onChange: (text: string) => void;
}

export interface ProgramEditor {
  view: EditorView;
  text(): string;
  /** Replaces the whole text as one undoable change (graph edits, examples, imports, plans). */
  replaceAll(text: string): void;
  undo(): boolean;
  redo(): boolean;
  focusAt(line: number, column: number): void;
  destroy(): void;
}

export function createEditor(parent: HTMLElement, opts: EditorOptions): ProgramEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: opts.doc,
      extensions: [
        basicSetup,
        alangLanguage,
        syntaxHighlighting(alangHighlight),
        lintGutter(),
        linter(
          async (v) => {
            const state = v.state;
            return (await opts.lint(state.doc.toString())).map((d) => toCmDiagnostic(state, d));
          },
          { delay: 250 },
        ),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) opts.onChange(u.state.doc.toString());
        }),
        darkTheme,
      ],
    }),
  });
  return {
    view,
    text: () => view.state.doc.toString(),
    replaceAll(text) {
      if (text === view.state.doc.toString()) return;
      // Its own undo step, never merged with typing or with the previous graph edit.
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: isolateHistory.of('full') });
    },
    undo: () => undo(view),
    redo: () => redo(view),
    focusAt(line, column) {
      const l = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
      const pos = Math.min(l.to, l.from + Math.max(0, column - 1));
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
