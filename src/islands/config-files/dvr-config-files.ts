import type { Core } from '../state/load-core';
import { nodeFiles, nodeLabel, nodesHtml } from '../../view-model/config-files-view';
import { followExample } from '../state/follow-example';
import type { LiveResult } from '../state/sandbox-store';

/**
 * `<dvr-config-files>`: one node's files at a time, picked with the node selector, regenerated from the
 * last valid scenario (hosts added or renamed in the sandbox appear in the selector).
 */
export class DvrConfigFiles extends HTMLElement {
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    const id = this.dataset.example;
    if (!id || this.unsubscribe) return;
    this.querySelector('[data-role="controls"]')?.removeAttribute('hidden');
    this.select?.addEventListener('change', () => {
      this.dataset.host = this.select!.value;
      this.showHost();
    });
    this.showHost();
    this.unsubscribe = followExample(this, id, (core, result) => this.render(core, result));
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private get select(): HTMLSelectElement | null {
    return this.querySelector<HTMLSelectElement>('select[data-role="host"]');
  }

  private render(core: Core, result: LiveResult): void {
    const nodes = nodeFiles(result.model, core.configFiles);
    const select = this.select;
    if (select) {
      const labels = nodes.map((n) => `${n.host}\n${nodeLabel(n)}`).join('|');
      const current = [...select.options].map((o) => `${o.value}\n${o.text}`).join('|');
      if (labels !== current) {
        select.replaceChildren(...nodes.map((n) => new Option(nodeLabel(n), n.host)));
      }
      const wanted = nodes.some((n) => n.host === this.dataset.host) ? this.dataset.host! : (nodes[0]?.host ?? '');
      select.value = wanted;
      this.dataset.host = wanted;
    }
    const target = this.querySelector('[data-role="nodes"]');
    if (target) target.innerHTML = nodesHtml(nodes, this.dataset.prefix ?? 'config');
    this.showHost();
  }

  /** Shows the selected node's panel only (without JavaScript every panel stays visible). */
  private showHost(): void {
    const host = this.dataset.host;
    for (const panel of this.querySelectorAll<HTMLElement>('section[data-host]'))
      panel.hidden = panel.dataset.host !== host;
  }
}

if (!customElements.get('dvr-config-files')) customElements.define('dvr-config-files', DvrConfigFiles);
