import { loadCore } from '../state/load-core';
import { sandboxStore } from '../state/sandbox-store';

/** `<dvr-host-view>`: reprints a command's output on a host from the live scenario, so prose shows what the agent wrote now. */
export class DvrHostView extends HTMLElement {
  private unsubscribe: (() => void) | null = null;
  private revision = -1;

  connectedCallback(): void {
    const { example, host, where, command } = this.dataset;
    if (!example || !host || !where || !command || this.unsubscribe) return;
    this.unsubscribe = sandboxStore(example).subscribe((state) => {
      this.dataset.stale = String(state.stale);
      const result = state.result;
      if (!result || result.revision === this.revision) return;
      this.revision = result.revision;
      const revision = result.revision;
      // The core is already loaded whenever a result exists; the await only unwraps the cached module.
      void loadCore().then((core) => {
        if (revision !== this.revision) return;
        const output = core.renderView(result.model, host, where, command);
        const code = this.querySelector('[data-role="output"]');
        if (code) code.textContent = output ?? `(nothing to show: ${host} has no ${where} in this scenario)`;
      });
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

if (!customElements.get('dvr-host-view')) customElements.define('dvr-host-view', DvrHostView);
