import type { FormField } from './core-types';

/** A text range as the core's `locatePointer` reports it (1-based lines and columns, and character offsets; end exclusive). */
export interface TextRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Character offsets; the form replaces a value in place only where the locator gives them. */
  offset?: number;
  endOffset?: number;
}

/** Finds where a JSON pointer's value sits in the text (the core's `locatePointer`), injected so this module needs no core. */
export type Locate = (text: string, pointer: string) => TextRange | null;

/** One form input's state: its value as text, or why it cannot be edited right now. */
export interface FieldState {
  field: FormField;
  value: string;
  /** False while the scenario text is not JSON or the field's place in it is missing a parent. */
  editable: boolean;
}

/** Splits an RFC 6901 JSON pointer into unescaped tokens ("" is the whole document). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The value at a JSON pointer, or undefined when any step is missing. */
export function getAtPointer(value: unknown, pointer: string): unknown {
  let current: unknown = value;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(current)) current = /^(0|[1-9]\d*)$/.test(token) ? current[Number(token)] : undefined;
    else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token))
      current = (current as Record<string, unknown>)[token];
    else return undefined;
  }
  return current;
}

/** Parses scenario text as JSON, or returns undefined (the form then waits for the editor to make it JSON again). */
export function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The form's inputs for the current scenario text: each field's value, and whether it can be edited. */
export function fieldStates(text: string, fields: readonly FormField[]): FieldState[] {
  const scenario = tryParse(text);
  return fields.map((field) => {
    if (scenario === undefined) return { field, value: '', editable: false };
    const value = getAtPointer(scenario, field.pointer);
    const parent = getAtPointer(scenario, parentPointer(field.pointer));
    const parentOk = typeof parent === 'object' && parent !== null;
    return { field, value: typeof value === 'string' ? value : '', editable: parentOk };
  });
}

/**
 * Writes one form value into the scenario text. Where the core can locate the old value, only that
 * value is replaced, so the reader's formatting survives; otherwise the JSON is rewritten with two-space indent.
 * Returns null when the text is not JSON or the field's parent is missing.
 */
export function setFieldInText(text: string, pointer: string, value: string, locate?: Locate): string | null {
  const scenario = tryParse(text);
  if (scenario === undefined) return null;
  const old = getAtPointer(scenario, pointer);
  if (old === value) return text;
  const range = old === undefined || !locate ? null : safeLocate(locate, text, pointer);
  if (range) {
    // Offsets, not lines: the core counts CR, LF and CRLF as line ends, and only it need know how.
    const start = range.offset ?? -1;
    const end = range.endOffset ?? -1;
    if (
      start >= 0 &&
      end <= text.length &&
      start < end &&
      JSON.stringify(tryParse(text.slice(start, end))) === JSON.stringify(old)
    ) {
      return text.slice(0, start) + JSON.stringify(value) + text.slice(end);
    }
  }
  const tokens = parsePointer(pointer);
  const key = tokens.pop();
  if (key === undefined) return null;
  const parent = getAtPointer(scenario, tokens.length ? '/' + tokens.map(escapeToken).join('/') : '');
  if (typeof parent !== 'object' || parent === null) return null;
  if (Array.isArray(parent)) {
    if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) > parent.length) return null;
    parent[Number(key)] = value;
  } else {
    (parent as Record<string, unknown>)[key] = value;
  }
  return JSON.stringify(scenario, null, 2) + '\n';
}

/** The pointer of a pointer's parent ("" for top-level members). */
export function parentPointer(pointer: string): string {
  const at = pointer.lastIndexOf('/');
  return at <= 0 ? '' : pointer.slice(0, at);
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

function safeLocate(locate: Locate, text: string, pointer: string): TextRange | null {
  try {
    return locate(text, pointer);
  } catch {
    return null;
  }
}

/** How many times a value is written in the text as a JSON string (its quotes included). */
function occurrences(text: string, value: string): number {
  const needle = JSON.stringify(value);
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/**
 * The form's inputs while the text does not parse: each field keeps the last value that parsed (the reader's
 * work stays in sight), and stays editable only where that value is written exactly once in the broken text,
 * so that an edit can replace it there without guessing (see replaceStaleValue).
 */
export function staleFieldStates(text: string, last: readonly FieldState[]): FieldState[] {
  return last.map((s) => ({ ...s, editable: s.value !== '' && occurrences(text, s.value) === 1 }));
}

/**
 * Writes a form value into text that does not parse: replaces the field's last parsed value where it is written
 * exactly once; null when it is not (then the form cannot know which one the field means).
 */
export function replaceStaleValue(text: string, old: string, value: string): string | null {
  if (old === '' || occurrences(text, old) !== 1) return null;
  const needle = JSON.stringify(old);
  const at = text.indexOf(needle);
  return text.slice(0, at) + JSON.stringify(value) + text.slice(at + needle.length);
}
