import { browserStorage } from '../state/persistence';
import { wasSolved } from './exercise-storage';
import { wasLoaded } from './lab-storage';
import type { FaultLabController } from './fault-lab-controller';

/**
 * `<dvr-fault-lab>`: costs a chapter almost nothing before the reader acts (the page's JavaScript budget). It loads
 * the lab's controller on the first press of one of its buttons, or at once when this browser has worked on the lab
 * (the sandbox keeps a loaded lab's broken scenario across visits, so the judging and the progress go on). Labs are
 * never taken off a chapter, so there is no disconnectedCallback: its bytes would count against the budget for nothing.
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
    if (wasLoaded(storage, id) || wasSolved(storage, id)) void this.start();
    else this.addEventListener('click', this.onFirstClick);
    this.dataset.ready = 'true';
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
