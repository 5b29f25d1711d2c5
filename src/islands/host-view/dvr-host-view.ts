import { followExample } from '../state/follow-example';

/** `<dvr-host-view>`: reprints a command's output on a host from the live scenario, so prose shows what the agent wrote now. */
export class DvrHostView extends HTMLElement {
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    const { example, host, where, command } = this.dataset;
    if (!example || !host || !where || !command || this.unsubscribe) return;
    this.unsubscribe = followExample(this, example, (core, result) => {
      const output = core.renderView(result.model, host, where, command);
      const code = this.querySelector('[data-role="output"]');
      if (code) code.textContent = output ?? `(nothing to show: ${host} has no ${where} in this scenario)`;
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

if (!customElements.get('dvr-host-view')) customElements.define('dvr-host-view', DvrHostView);
