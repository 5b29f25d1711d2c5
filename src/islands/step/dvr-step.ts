import type { MapStore } from 'nanostores';
import { stepHops } from '../../view-model/step-hops';
import { revealLab } from '../lab/reveal-lab';
import { sandboxStore, setHop, type SandboxState } from '../state/sandbox-store';

/**
 * `<dvr-step>`: a step of the text bound to hops. Activating it shows its first hop in the lab and brings the lab
 * into view; while the lab shows one of its hops the step is marked. After an edit the step's hops are found again
 * in the live trace by the same description, falling back to the build-time indexes.
 */
export class DvrStep extends HTMLElement {
  private store: MapStore<SandboxState> | null = null;
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    const id = this.dataset.example;
    if (!id || this.store) return;
    const store = sandboxStore(id);
    this.store = store;
    this.querySelector('button')?.addEventListener('click', () => {
      const { hops, count } = this.hops(store.get());
      if (hops.length === 0) return;
      setHop(store, hops[0], count);
      revealLab(id);
    });
    this.unsubscribe = store.subscribe((state) => {
      this.dataset.current = String(this.hops(state).hops.includes(state.hop));
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.store = null;
  }

  /** The step's hops in what the lab shows now, and how many hops that is. */
  private hops(state: SandboxState): { hops: number[]; count: number } {
    const trace = state.result?.trace;
    if (trace) {
      const count = trace.hops.length + (trace.reply?.hops.length ?? 0);
      try {
        return {
          hops: stepHops(trace, {
            at: this.dataset.at,
            stage: this.dataset.stage,
            direction: this.dataset.direction === 'reply' ? 'reply' : 'request',
          }),
          count,
        };
      } catch {
        return { hops: [], count };
      }
    }
    const hops = (this.dataset.hops ?? '').split(' ').filter(Boolean).map(Number);
    return { hops, count: Math.max(0, ...hops) + 1 };
  }
}

if (!customElements.get('dvr-step')) customElements.define('dvr-step', DvrStep);
