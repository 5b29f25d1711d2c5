import { stepHosts, stepsHtml } from '../../view-model/troubleshoot-view';
import { followExample } from '../state/follow-example';

/** `<dvr-troubleshoot>`: re-derives the commands and expected output whenever the sandbox's scenario or packet changes. */
export class DvrTroubleshoot extends HTMLElement {
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    const id = this.dataset.example;
    if (!id || this.unsubscribe) return;
    this.unsubscribe = followExample(this, id, (core, result, state) => {
      const steps = core.troubleshootingSteps(result.model, result.trace);
      const target = this.querySelector('[data-role="steps"]');
      if (target) target.innerHTML = stepsHtml(steps);
      const packet = this.querySelector('[data-role="packet"]');
      if (packet && state.request) packet.textContent = `${state.request.from} → ${state.request.to}`;
      const count = this.querySelector('[data-role="count"]');
      if (count) count.textContent = `${steps.length} commands on ${stepHosts(steps).join(', ')}`;
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

if (!customElements.get('dvr-troubleshoot')) customElements.define('dvr-troubleshoot', DvrTroubleshoot);
