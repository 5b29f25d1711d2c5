import type { TroubleshootingStep } from '@dvr-lab/sandbox-core';
import { escapeHtml } from './escape-html';

/** One line of a step's predicted output, with whether it is the line the reader should look for. */
export interface OutputLine {
  text: string;
  match: boolean;
}

/**
 * Splits a step's predicted output into lines and marks the one that matters for this packet:
 * the line equal to the step's `expect`, else the first that contains it (ignoring edge spaces).
 */
export function outputLines(step: Pick<TroubleshootingStep, 'output' | 'expect'>): OutputLine[] {
  if (step.output === '') return [];
  const lines = step.output.split('\n');
  const want = step.expect.trim();
  let hit = lines.findIndex((l) => l.trim() === want);
  if (hit < 0 && want) hit = lines.findIndex((l) => l.includes(want));
  return lines.map((text, i) => ({ text, match: i === hit }));
}

/**
 * One step as HTML: the host and why, the line to look for (always visible), and the command with its full
 * predicted output (the matched line marked) folded in a native <details> that the summary's command opens.
 */
export function stepHtml(step: TroubleshootingStep, index: number): string {
  const lines = outputLines(step);
  const body = lines.length
    ? lines
        .map((l) => (l.match ? `<mark class="dvr-ts-match">${escapeHtml(l.text)}</mark>` : escapeHtml(l.text)))
        .join('\n')
    : `<span class="dvr-ts-none">(the simulator does not print this command’s table; the entry comes from this rule:)</span>\n<mark class="dvr-ts-match">${escapeHtml(step.expect)}</mark>`;
  const found = lines.some((l) => l.match);
  return (
    `<li class="dvr-ts-step" data-host="${escapeHtml(step.host)}">` +
    `<p class="dvr-ts-head"><span class="dvr-ts-num">${index + 1}.</span> On <strong>${escapeHtml(step.host)}</strong>: ${escapeHtml(step.why)}</p>` +
    (found || !lines.length
      ? `<p class="dvr-ts-look">Look for: <code>${escapeHtml(step.expect.trim())}</code></p>`
      : `<p class="dvr-ts-look">Expected: <code>${escapeHtml(step.expect.trim())}</code> (not in the printed output)</p>`) +
    `<details class="dvr-ts-fold" data-fold="${index}"><summary><code class="dvr-prompt">${escapeHtml(`${step.host}# ${step.command}`)}</code>` +
    `<span class="dvr-fold-hint"> (full output, ${lines.length} ${lines.length === 1 ? 'line' : 'lines'})</span></summary>` +
    `<pre tabindex="0" aria-label="${escapeHtml(`Step ${index + 1} on ${step.host}: ${step.command}`)}"><code>${body}</code></pre></details>` +
    `</li>`
  );
}

/** The whole walk as HTML, or a sentence when the packet touches no rule a command could show. */
export function stepsHtml(steps: readonly TroubleshootingStep[]): string {
  if (steps.length === 0)
    return '<p class="dvr-ts-empty">This packet passes no rule that a command on a node would show.</p>';
  return `<ol class="dvr-ts-steps">${steps.map(stepHtml).join('')}</ol>`;
}

/** The hosts of a walk in the order it reaches them, for the sentence above the steps. */
export function stepHosts(steps: readonly TroubleshootingStep[]): string[] {
  return [...new Set(steps.map((s) => s.host))];
}
