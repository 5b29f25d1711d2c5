import type { MapStore } from 'nanostores';
import { stepHosts, stepsHtml } from '../../components/troubleshoot-view';
import { loadCore } from '../state/load-core';
import { sandboxStore, type SandboxState } from '../state/sandbox-store';

/** `<dvr-troubleshoot>`: re-derives the commands and expected output whenever the sandbox's scenario or packet changes. */
export class DvrTroubleshoot extends HTMLElement {
  private store: MapStore<SandboxState> | null = null;
  private unsubscribe: (() => void) | null = null;
  private revision = -1;

  connectedCallback(): void {
    const id = this.dataset.example;
    if (!id || this.store) return;
    this.store = sandboxStore(id);
    this.unsubscribe = this.store.subscribe((state) => this.follow(state));
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.store = null;
  }

  private follow(state: SandboxState): void {
    this.dataset.stale = String(state.stale);
    const result = state.result;
    if (!result || result.revision === this.revision) return;
    const revision = (this.revision = result.revision);
    const request = state.request;
    void loadCore().then((core) => {
      if (revision !== this.revision) return;
      const steps = core.troubleshootingSteps(result.model, result.trace);
      const target = this.querySelector('[data-role="steps"]');
      if (target) target.innerHTML = stepsHtml(steps);
      const packet = this.querySelector('[data-role="packet"]');
      if (packet && request) packet.textContent = `${request.from} → ${request.to}`;
      const count = this.querySelector('[data-role="count"]');
      if (count) count.textContent = `${steps.length} commands on ${stepHosts(steps).join(', ')}`;
    });
  }
}

if (!customElements.get('dvr-troubleshoot')) customElements.define('dvr-troubleshoot', DvrTroubleshoot);
