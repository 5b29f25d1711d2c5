import { announce, SET_SCENARIO_EVENT, type SetScenarioDetail } from '../exercise/exercise-events';
import type { LabStart } from '../../view-model/lab-starts';
import { readData } from '../state/read-data';

/**
 * `<dvr-lab-starter>`: puts the chosen start (a course example or the empty cloud) and its packet into the page's
 * sandbox, as if the reader had typed them; the reader's edit before it can be brought back with the browser's undo
 * of the editor, or by loading again.
 */
export class DvrLabStarter extends HTMLElement {
  connectedCallback(): void {
    const starts = readData<LabStart[]>(this.dataset.starts) ?? [];
    const example = this.dataset.example;
    const button = this.querySelector<HTMLButtonElement>('button[data-action="load"]');
    const select = this.querySelector<HTMLSelectElement>('select[data-role="start"]');
    if (!example || !button || !select || starts.length === 0) return;
    button.disabled = false;
    button.addEventListener('click', () => {
      const start = starts.find((s) => s.id === select.value);
      if (!start) return;
      announce<SetScenarioDetail>(SET_SCENARIO_EVENT, { example, text: start.text, request: start.request });
      const status = this.querySelector('[data-role="status"]');
      if (status) status.textContent = `Loaded “${start.title}”: tracing ${start.request.from} → ${start.request.to}.`;
    });
  }
}

if (!customElements.get('dvr-lab-starter')) customElements.define('dvr-lab-starter', DvrLabStarter);
