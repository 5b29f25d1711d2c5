import { browserStorage } from '../state/persistence';
import { wasSolved } from './exercise-storage';
import { labState, labStatusText, wasLoaded } from './lab-status';
import type { FaultLabController } from './fault-lab-controller';

/**
 * `<dvr-fault-lab>`: costs a chapter almost nothing before the reader acts (the page's JavaScript budget). It shows
 * earlier progress, and loads the lab's controller on the first press of one of its buttons, or at once when this
 * browser has the lab loaded (the sandbox keeps the broken scenario across visits, so the judging goes on).
 */
export class DvrFaultLab extends HTMLElement {
  private controller: Promise<FaultLabController> | null = null;
  private onFirstClick = (event: Event) => {
    const action = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
    if (!action) return;
    this.removeEventListener('click', this.onFirstClick);
    void this.start().then((controller) => controller.act(action));
  };

  connectedCallback(): void {
    const id = this.dataset.id ?? '';
    const storage = browserStorage();
    if (wasLoaded(storage, id)) void this.start();
    else {
      const state = labState(false, false, wasSolved(storage, id));
      this.dataset.state = state;
      const status = this.querySelector<HTMLElement>('[data-role="status"]');
      if (status) status.textContent = labStatusText(state);
      this.addEventListener('click', this.onFirstClick);
    }
    this.dataset.ready = 'true';
  }

  disconnectedCallback(): void {
    this.removeEventListener('click', this.onFirstClick);
    void this.controller?.then((c) => c.stop());
    this.controller = null;
  }

  private start(): Promise<FaultLabController> {
    this.controller ??= import('./fault-lab-controller').then(({ FaultLabController }) => {
      const controller = new FaultLabController(this);
      controller.start();
      return controller;
    });
    return this.controller;
  }
}

if (!customElements.get('dvr-fault-lab')) customElements.define('dvr-fault-lab', DvrFaultLab);
