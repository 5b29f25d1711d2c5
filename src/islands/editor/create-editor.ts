import type * as Monaco from 'monaco-editor/editor/editor.api';

/** One problem to mark in the text (1-based lines and columns), with the message shown on hover. */
export interface EditorMarker {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** The few things the sandbox needs from an editor; Monaco stays behind this handle (house style: one small adapter per heavy library). */
export interface EditorHandle {
  getText(): string;
  /** Replaces the text as one undoable edit, keeping the reader's undo history. */
  setText(text: string): void;
  onChange(listener: (text: string) => void): () => void;
  setErrors(markers: readonly EditorMarker[]): void;
  focus(): void;
  dispose(): void;
}

/** Options of createEditor: the model's URI (what the JSON schema's fileMatch names), the text and an accessible label. */
export interface EditorOptions {
  uri: string;
  text: string;
  ariaLabel: string;
  dark: boolean;
  /** The editor grows with its text up to this height (px), so a course scenario shows whole and the page scrolls, not the editor. */
  maxHeight: number;
}

/** Creates a JSON editor in `el` with the Monaco namespace passed in (never imported here, so this module costs nothing until used). */
export function createEditor(el: HTMLElement, monaco: typeof Monaco, options: EditorOptions): EditorHandle {
  const uri = monaco.Uri.parse(options.uri);
  monaco.editor.getModel(uri)?.dispose();
  const model = monaco.editor.createModel(options.text, 'json', uri);
  const editor = monaco.editor.create(el, {
    model,
    ariaLabel: options.ariaLabel,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    wordWrap: 'on',
    fixedOverflowWidgets: true,
    theme: options.dark ? 'vs-dark' : 'vs',
    accessibilitySupport: 'auto',
  });
  const fit = () => {
    el.style.height = `${Math.min(options.maxHeight, Math.max(160, editor.getContentHeight()))}px`;
  };
  const sizeSub = editor.onDidContentSizeChange(fit);
  fit();
  let applying = false;
  return {
    getText: () => model.getValue(),
    setText(text) {
      if (text === model.getValue()) return;
      applying = true;
      try {
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      } finally {
        applying = false;
      }
    },
    onChange(listener) {
      const sub = model.onDidChangeContent(() => {
        if (!applying) listener(model.getValue());
      });
      return () => sub.dispose();
    },
    setErrors(markers) {
      monaco.editor.setModelMarkers(
        model,
        'dvr-sim',
        markers.map((m) => ({
          severity: monaco.MarkerSeverity.Error,
          message: m.message,
          startLineNumber: m.line,
          startColumn: m.column,
          endLineNumber: m.endLine,
          endColumn: m.endColumn,
        })),
      );
    },
    focus: () => editor.focus(),
    dispose() {
      sizeSub.dispose();
      editor.dispose();
      model.dispose();
    },
  };
}
