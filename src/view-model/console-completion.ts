/** What pressing Tab does to a console line, given the core's completions for it. */
export interface CompletionStep {
  /** The line after Tab (unchanged when nothing can be added). */
  readonly line: string;
  /** The candidates to list for the reader when more than one remains (bash's second Tab, shown at once). */
  readonly listed: readonly string[];
  /** Whether Tab had anything to offer: when not, the key keeps its usual meaning (move focus on). */
  readonly handled: boolean;
}

/** The longest prefix every word shares. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let prefix = words[0];
  for (const w of words.slice(1)) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Applies completions to a line as bash does: one candidate completes the word and adds a space
 * (not after a `=` or a `,` a flow field goes on with); several extend the word to their common prefix
 * and are listed; none leave Tab to the browser, so a keyboard user is never trapped in the input.
 */
export function applyCompletion(
  line: string,
  completions: { start: number; candidates: readonly string[] },
): CompletionStep {
  const { start, candidates } = completions;
  if (line.trim() === '' || candidates.length === 0) return { line, listed: [], handled: false };
  const head = line.slice(0, start);
  if (candidates.length === 1) {
    const word = candidates[0];
    const open = word.endsWith('=') || word.endsWith(',');
    return { line: `${head}${word}${open ? '' : ' '}`, listed: [], handled: true };
  }
  const prefix = commonPrefix(candidates);
  const typed = line.slice(start);
  return { line: prefix.length > typed.length ? head + prefix : line, listed: candidates, handled: true };
}
