/** The lines a console remembers, and where ArrowUp/ArrowDown have moved to, with the line being typed kept aside. */
export interface ConsoleHistory {
  readonly lines: readonly string[];
  /** The entry shown, as an index into `lines`; `lines.length` while the reader types a new line. */
  readonly at: number;
  /** What the reader had typed before moving into the history, restored when they come back down. */
  readonly draft: string;
}

/** How many lines a console keeps (older ones are forgotten first). */
export const HISTORY_LIMIT = 200;

/** An empty history. */
export function emptyHistory(): ConsoleHistory {
  return { lines: [], at: 0, draft: '' };
}

/** The history after a line was run: blank lines and a repeat of the last line are not kept, as bash's ignoreboth does. */
export function remember(history: ConsoleHistory, line: string): ConsoleHistory {
  const keep = line.trim() !== '' && history.lines[history.lines.length - 1] !== line;
  const lines = keep ? [...history.lines, line].slice(-HISTORY_LIMIT) : history.lines;
  return { lines, at: lines.length, draft: '' };
}

/** ArrowUp (-1) or ArrowDown (+1) from the current input: the history after the move and the line to show. */
export function move(
  history: ConsoleHistory,
  current: string,
  step: -1 | 1,
): { history: ConsoleHistory; line: string } {
  const at = Math.max(0, Math.min(history.lines.length, history.at + step));
  if (at === history.at) return { history, line: current };
  const draft = history.at === history.lines.length ? current : history.draft;
  const line = at === history.lines.length ? draft : history.lines[at];
  return { history: { lines: history.lines, at, draft }, line };
}
