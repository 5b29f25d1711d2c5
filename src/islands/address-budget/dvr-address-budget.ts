import { budgetsHtml, budgetStatus } from '../../view-model/address-budget-view';
import { subscribeCell } from '../state/cell-scheduler';
import { loadCore, type Core } from '../state/load-core';
import { sandboxStore } from '../state/sandbox-store';

/**
 * `<dvr-address-budget>`: recounts the public addresses from the reader's scenario text on every edit.
 * It reads the text, not the last valid result, because the moment it exists for ("the /28 has run out")
 * is exactly when the simulator refuses the scenario.
 */
export class DvrAddressBudget extends HTMLElement {
  private unsubscribe: (() => void) | null = null;
  private shown: string | undefined;

  connectedCallback(): void {
    const id = this.dataset.example;
    if (!id || this.unsubscribe) return;
    this.shown = this.dataset.scenario;
    this.unsubscribe = subscribeCell(this, sandboxStore(id), (state, schedule) => this.follow(state.text, schedule));
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private follow(text: string | null, schedule: (run: () => void) => void): void {
    if (text === null || text === this.shown) return;
    this.shown = text;
    void loadCore().then((core) => {
      // Far from the screen, the count waits for the reader's frame (see CellScheduler).
      if (text === this.shown) schedule(() => this.count(core, text));
    });
  }

  private count(core: Core, text: string): void {
    // Unreadable JSON: keep the last count, marked out of date, rather than claim there is no external network.
    if (core.parseJson(text).errors.length) {
      this.dataset.stale = 'true';
      return;
    }
    this.dataset.stale = 'false';
    const budgets = core.addressBudget(text);
    const target = this.querySelector('[data-role="budget"]');
    if (target) target.innerHTML = budgetsHtml(budgets);
    // Only the sentence is announced, and only when it changes, not the whole table at every keystroke.
    const live = this.querySelector('[data-role="live"]');
    const sentence = budgets.map(budgetStatus).join(' ');
    if (live && live.textContent !== sentence) live.textContent = sentence;
  }
}

if (!customElements.get('dvr-address-budget')) customElements.define('dvr-address-budget', DvrAddressBudget);
