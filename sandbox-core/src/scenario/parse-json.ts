import { findNodeAtLocation, parseTree, printParseErrorCode, visit, type Node, type ParseError } from 'jsonc-parser';
import { printableText } from './name-rules.js';
import type { ScenarioError } from './scenario-types.js';

/** The largest scenario text the simulator reads; larger input is refused with a message instead of slowing the page. */
export const MAX_SCENARIO_CHARS = 2_000_000;

/** The deepest nesting the simulator reads; a scenario needs 5 levels, and deeper text would only exhaust the parser's stack. */
export const MAX_NESTING = 64;

/** How deeply arrays and objects nest in JSON text (strings skipped), found without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) max = Math.max(max, ++depth);
    else if (c === 93 || c === 125) depth--;
  }
  return max;
}

/** JSON pointers of keys that appear twice in one object (JSON.parse would silently keep the last). */
function duplicateKeys(text: string): string[] {
  const stack: Set<string>[] = [];
  const found: string[] = [];
  visit(text, {
    onObjectBegin: () => void stack.push(new Set()),
    onObjectEnd: () => void stack.pop(),
    onObjectProperty: (key, _offset, _length, _line, _col, pathSupplier) => {
      const keys = stack[stack.length - 1];
      if (!keys) return;
      if (keys.has(key))
        found.push(
          [...pathSupplier(), key].map((k) => '/' + String(k).replace(/~/g, '~0').replace(/\//g, '~1')).join(''),
        );
      keys.add(key);
    },
  });
  return found;
}

/** Turns a parse tree into a value whose keys are all own properties (so "__proto__" is just a key), noting duplicate keys. */
function treeValue(node: Node, path: string, duplicates: string[]): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [keyNode, valueNode] = prop.children ?? [];
        if (!keyNode || !valueNode) continue;
        const key = String(keyNode.value);
        const at = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (Object.hasOwn(out, key)) duplicates.push(at);
        Object.defineProperty(out, key, {
          value: treeValue(valueNode, at, duplicates),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map((child, i) => treeValue(child, `${path}/${i}`, duplicates));
    default:
      return node.value;
  }
}

const SYNTAX_HINTS: Record<string, string> = {
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value (a string, number, true, false, null, object or array)',
  ColonExpected: 'expected ":" after the property name',
  CommaExpected: 'expected "," between items',
  CloseBraceExpected: 'expected "}" to close the object',
  CloseBracketExpected: 'expected "]" to close the array',
  EndOfFileExpected: 'expected the end of the text after the top-level value',
  InvalidSymbol: 'this is not JSON (strings need double quotes; no comments or trailing commas)',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'the string is not closed with a double quote',
  UnexpectedEndOfNumber: 'the number is cut short',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape character in a string',
  InvalidCharacter: 'invalid character in a string (control characters must be escaped)',
};

/**
 * Line and column (1-based) of a character offset, as editors count them: CRLF, a lone CR and LF each end a line
 * (Monaco and VS Code do; a file saved with old Mac line endings has no LF at all).
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < offset) continue; // CRLF ends its line at the LF
    if (c === 10 || c === 13) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Parses strict JSON, reporting every syntax error with line and column instead of throwing. */
export function parseJson(text: string): { value: unknown; errors: ScenarioError[] } {
  if (typeof text !== 'string')
    return { value: undefined, errors: [{ path: '', message: 'the scenario must be JSON text' }] };
  if (text.length > MAX_SCENARIO_CHARS) {
    return {
      value: undefined,
      errors: [
        {
          path: '',
          message: `the scenario is ${text.length} characters long; the simulator reads at most ${MAX_SCENARIO_CHARS}`,
        },
      ],
    };
  }
  // A byte order mark may start a JSON text (RFC 8259 lets readers ignore it).
  const body = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const depth = nestingDepth(body);
  if (depth > MAX_NESTING) {
    return {
      value: undefined,
      errors: [
        {
          path: '',
          message: `the JSON nests ${depth} levels deep; a scenario needs no more than 5, and the simulator reads at most ${MAX_NESTING}`,
        },
      ],
    };
  }
  // The fast path: the engine's own strict parser (it keeps "__proto__" as an ordinary key). Only text it
  // refuses goes through jsonc-parser, which says where the problem is.
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const raw: ParseError[] = [];
    const tree = parseTree(body, raw, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const errors: ScenarioError[] = raw.slice(0, 20).map((e) => {
      const { line, column } = lineColumn(body, e.offset);
      const code = printParseErrorCode(e.error);
      return {
        path: '',
        line,
        column,
        message: `JSON syntax error at line ${line}, column ${column}: ${SYNTAX_HINTS[code] ?? code}`,
      };
    });
    if (errors.length || !tree)
      return { value: undefined, errors: errors.length ? errors : [{ path: '', message: 'the text is not JSON' }] };
    value = treeValue(tree, '', []);
  }
  const errors = duplicateKeys(body).map((at) => ({
    path: at,
    message: `duplicate key "${printableText(at.split('/').pop() ?? '')}": JSON readers keep only one of them, so write it once`,
  }));
  return { value: errors.length ? undefined : value, errors };
}

/**
 * Where a JSON pointer's value sits in the text, so the editor can underline an error and the form can replace a
 * value in place: 1-based lines and columns counted as `lineColumn` counts them, and character offsets (end
 * exclusive); null when it is not there.
 */
export function locatePointer(
  text: string,
  pointer: string,
): { line: number; column: number; endLine: number; endColumn: number; offset: number; endOffset: number } | null {
  if (typeof text !== 'string' || text.length > MAX_SCENARIO_CHARS || nestingDepth(text) > MAX_NESTING) return null;
  const root = parseTree(text, [], { disallowComments: true });
  if (!root) return null;
  const segments =
    pointer === ''
      ? []
      : pointer
          .split('/')
          .slice(1)
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const path = segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let node = findNodeAtLocation(root, path);
  // A missing property is reported on its parent object: underline the nearest ancestor that exists.
  for (let n = path.length - 1; !node && n >= 0; n--) node = findNodeAtLocation(root, path.slice(0, n));
  if (!node) return null;
  const endOffset = node.offset + (node.type === 'object' || node.type === 'array' ? 1 : node.length);
  const start = lineColumn(text, node.offset);
  const end = lineColumn(text, endOffset);
  return {
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    offset: node.offset,
    endOffset,
  };
}
