/** The longest name a scenario may give anything (host, network, router, VM), and so the longest endpoint of a trace. */
export const NAME_MAX_CHARS = 64;

/**
 * Characters that must never reach a terminal, a shell script or a one-line view: control characters (C0, DEL,
 * C1: newline, escape sequences), format characters (bidirectional overrides, zero-width marks), line and paragraph
 * separators, and lone surrogates (half a character: not encodable as UTF-8, so not printable at all).
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const UNPRINTABLE_ALL = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;

/** The code point of one character as U+XXXX. */
function codePoint(ch: string): string {
  return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why a text that the simulator prints (a name, a title, a trace endpoint) cannot be printed safely, or null.
 * The scenario checks and the trace request parser refuse such text with this sentence at its pointer.
 */
export function unprintableProblem(text: string): string | null {
  const m = UNPRINTABLE.exec(text);
  if (!m) return null;
  const ch = m[0];
  const at = `at character ${[...text.slice(0, m.index)].length + 1}`;
  const code = ch.codePointAt(0)!;
  if (code >= 0xd800 && code <= 0xdfff)
    return `contains a lone surrogate (${codePoint(ch)}) ${at}: half of a character, which cannot be printed or written as UTF-8`;
  const kind = /\p{Cc}/u.test(ch)
    ? 'a control character'
    : /\p{Cf}/u.test(ch)
      ? 'an invisible format character'
      : 'a line separator';
  return `contains ${kind} (${codePoint(ch)}) ${at}; names and text the simulator prints must be printable, so a terminal or a shell reading its output sees them as they are`;
}

/**
 * Text as a terminal may show it: every character `unprintableProblem` refuses written as a visible `\u{…}`
 * escape, newlines and tabs kept when `keepNewlines` (whole outputs, whose views align with tabs), so no output can move the cursor or forge a line.
 */
export function printableText(text: string, keepNewlines = false): string {
  return text.replace(UNPRINTABLE_ALL, (ch) =>
    keepNewlines && (ch === '\n' || ch === '\t') ? ch : `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`,
  );
}

/** JSON for a terminal: what `printableText` escapes is written as `\uXXXX` escapes, so the JSON means the same. */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNPRINTABLE_ALL, (ch) =>
    ch === '\n'
      ? ch
      : Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}
