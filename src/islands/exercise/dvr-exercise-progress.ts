import { browserStorage } from '../state/persistence';
import { SOLVED_EVENT, type SolvedDetail } from './exercise-events';
import { progressText } from './exercise-status';
import { wasSolved } from './exercise-storage';

/**
 * `<dvr-exercise-progress>`: "Exercises on this page: N of M solved". Counts the page's `<dvr-exercise>`
 * elements, reads what was solved before from localStorage, and follows each newly solved exercise.
 */
export class DvrExerciseProgress extends HTMLElement {
  private solved = new Set<string>();
  private onSolved = (event: Event) => {
    const id = (event as CustomEvent<SolvedDetail>).detail?.id;
    if (!id || this.solved.has(id)) return;
    this.solved.add(id);
    this.render();
  };

  connectedCallback(): void {
    const storage = browserStorage();
    for (const id of this.ids()) if (wasSolved(storage, id)) this.solved.add(id);
    document.addEventListener(SOLVED_EVENT, this.onSolved);
    this.render();
  }

  disconnectedCallback(): void {
    document.removeEventListener(SOLVED_EVENT, this.onSolved);
  }

  private ids(): string[] {
    return [...document.querySelectorAll<HTMLElement>('dvr-exercise[data-id], dvr-fault-lab[data-id]')].map(
      (el) => el.dataset.id ?? '',
    );
  }

  private render(): void {
    const ids = this.ids();
    const solved = ids.filter((id) => this.solved.has(id)).length;
    this.hidden = ids.length === 0;
    const line = this.querySelector<HTMLElement>('[data-role="progress"]');
    if (line) line.textContent = progressText(solved, ids.length);
    const meter = this.querySelector<HTMLProgressElement>('progress');
    if (meter) {
      meter.max = Math.max(1, ids.length);
      meter.value = solved;
    }
    this.dataset.solved = String(solved);
    this.dataset.total = String(ids.length);
  }
}

if (!customElements.get('dvr-exercise-progress')) customElements.define('dvr-exercise-progress', DvrExerciseProgress);
