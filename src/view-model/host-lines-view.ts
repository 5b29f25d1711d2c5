import { escapeHtml } from './escape-html';
import type { Trace } from './core-types';

/** One printed line of a host view, with the marks the reader needs: the trace used it, an edit changed it. */
export interface HostViewLine {
  text: string;
  used: boolean;
  changed: boolean;
}

/** Whether a hop's `where` (e.g. `snat-<router id>`) is the namespace or bridge a view names (e.g. `snat`). */
function sameWhere(hopWhere: string, where: string): boolean {
  return hopWhere === where || hopWhere.startsWith(`${where}-`);
}

/**
 * The rules, flows and routes the trace used on one host's namespace or bridge, forward and reply.
 * A hop's rule is printed exactly as the view prints it, so these match view lines as they are.
 */
export function traceRules(trace: Trace | null, host: string, where: string): Set<string> {
  const rules = new Set<string>();
  for (let walk = trace; walk; walk = walk.reply) {
    for (const hop of walk.hops) {
      if (hop.rule && hop.host === host && sameWhere(hop.where, where)) rules.add(hop.rule.trim());
    }
  }
  return rules;
}

/** Above this many line pairs the diff falls back to "not among the previous lines" (a 200-host flow dump stays fast). */
const MAX_DIFF_CELLS = 4_000_000;

/**
 * Which lines of `current` are new against `previous`: a longest-common-subsequence line diff,
 * so a line that moved or was rewritten is marked and an unchanged one is not.
 */
export function changedLines(previous: readonly string[], current: readonly string[]): boolean[] {
  const n = previous.length;
  const m = current.length;
  if (n * m > MAX_DIFF_CELLS) {
    const before = new Set(previous);
    return current.map((line) => !before.has(line));
  }
  // lcs[i][j]: length of the longest common subsequence of previous[i..] and current[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = previous[i] === current[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const changed = current.map(() => true);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (previous[i] === current[j]) {
      changed[j] = false;
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  return changed;
}

/** A view's output as marked lines: used by the trace (by rule), changed since `previous` (null: nothing to compare). */
export function hostViewLines(output: string, rules: ReadonlySet<string>, previous: string | null): HostViewLine[] {
  const lines = output.split('\n');
  const changed = previous === null ? lines.map(() => false) : changedLines(previous.split('\n'), lines);
  return lines.map((text, i) => ({ text, used: rules.has(text.trim()), changed: changed[i] }));
}

/** The marked lines as HTML for the view's `<code>`: one block per line, a bar and a screen-reader label on marked lines. */
export function hostViewHtml(lines: readonly HostViewLine[]): string {
  return lines
    .map((line) => {
      const labels = [line.used ? 'used by the trace' : '', line.changed ? 'changed' : ''].filter(Boolean);
      const hidden = labels.length ? `<span class="sr-only">(${labels.join(', ')}) </span>` : '';
      return (
        `<span class="dvr-view-line" data-used="${line.used}" data-changed="${line.changed}">` +
        `${hidden}${escapeHtml(line.text) || ' '}</span>`
      );
    })
    .join('');
}
