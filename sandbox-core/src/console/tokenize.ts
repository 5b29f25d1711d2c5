/** A command line split into words the way a POSIX shell splits it, or why it could not be. */
export type TokenizeResult = { words: string[]; error: null } | { words: null; error: string };

/**
 * Splits a console line into words with the shell's quoting: single quotes keep everything,
 * double quotes keep everything but `\"` and `\\`, a backslash outside quotes escapes the next
 * character, and whitespace separates words. An unclosed quote is an error, as in bash.
 */
export function tokenize(line: string): TokenizeResult {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) word += line[++i];
      else word += c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < line.length) word += line[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { words: null, error: `unexpected end of line while looking for matching \`${quote}'` };
  if (inWord) words.push(word);
  return { words, error: null };
}
