import { hostViewHtml, hostViewLines, traceRules } from '../../view-model/host-lines-view';
import { followExample } from '../state/follow-example';

/**
 * `<dvr-host-view>`: reprints a command's output on a host from the live scenario, so prose shows what the agent wrote now;
 * marks the lines the current trace used and the lines that changed against the previous render.
 */
export class DvrHostView extends HTMLElement {
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    const { example, host, where, command } = this.dataset;
    if (!example || !host || !where || !command || this.unsubscribe) return;
    const code = this.querySelector('[data-role="output"]');
    // The build's render is the first "previous" (the core loads on interaction, so the first live render may be an edit).
    let previous: string | null = code
      ? Array.from(code.querySelectorAll('.dvr-view-line'), (line) => line.lastChild?.textContent ?? '')
          .map((text) => (text === ' ' ? '' : text))
          .join('\n')
      : null;
    this.unsubscribe = followExample(this, example, (core, result) => {
      if (!code) return;
      const output = core.renderView(result.model, host, where, command);
      if (output === null) {
        code.textContent = `(nothing to show: ${host} has no ${where} in this scenario)`;
        previous = null;
        return;
      }
      code.innerHTML = hostViewHtml(hostViewLines(output, traceRules(result.trace, host, where), previous));
      previous = output;
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

if (!customElements.get('dvr-host-view')) customElements.define('dvr-host-view', DvrHostView);
