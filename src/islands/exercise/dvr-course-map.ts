import { browserStorage } from '../state/persistence';
import { readData } from '../state/read-data';
import { importSummary, MAX_PROGRESS_BYTES, progressFileText, readProgressFile } from '../../view-model/course-map';
import { rememberSolved, wasSolved } from './exercise-storage';

/** The name the exported file is saved under. */
const EXPORT_NAME = 'dvr-lab-progress.json';

/**
 * `<dvr-course-map>`: marks each exercise of the build's course map solved or not from localStorage, and moves
 * progress in and out as a file (a learner changing browsers, an instructor collecting work). Nothing leaves
 * the browser: the export is a local download, the import reads a file the reader picks.
 */
export class DvrCourseMap extends HTMLElement {
  private ids: string[] = [];

  connectedCallback(): void {
    this.ids = readData<string[]>(this.dataset.ids) ?? [];
    this.querySelector('[data-role="export"]')?.addEventListener('click', () => this.export());
    this.querySelector<HTMLInputElement>('[data-role="import"]')?.addEventListener('change', (event) => {
      const input = event.currentTarget as HTMLInputElement;
      const file = input.files?.[0];
      if (file) void this.import(file).finally(() => (input.value = ''));
    });
    this.render();
  }

  private solved(): string[] {
    const storage = browserStorage();
    return this.ids.filter((id) => wasSolved(storage, id));
  }

  private render(): void {
    const solved = new Set(this.solved());
    for (const item of this.querySelectorAll<HTMLElement>('li[data-id]')) {
      const done = solved.has(item.dataset.id ?? '');
      item.dataset.state = done ? 'solved' : 'unsolved';
      const state = item.querySelector('[data-role="state"]');
      if (state) state.textContent = done ? 'solved ✓' : 'not solved';
    }
    const summary = this.querySelector('[data-role="summary"]');
    if (summary)
      summary.textContent = `You have solved ${solved.size} of ${this.ids.length} exercises in this browser.`;
    this.dataset.solved = String(solved.size);
  }

  private say(message: string): void {
    const line = this.querySelector('[data-role="message"]');
    if (line) line.textContent = message;
  }

  private export(): void {
    const solved = this.solved();
    const url = URL.createObjectURL(new Blob([progressFileText(solved)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = EXPORT_NAME;
    link.hidden = true;
    this.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    this.say(`Saved ${solved.length} solved exercises to ${EXPORT_NAME}.`);
  }

  private async import(file: File): Promise<void> {
    // Refuse a large file before reading it: a progress file is a few hundred bytes.
    if (file.size > MAX_PROGRESS_BYTES) return this.say('This file is too large to be a DVR Lab progress file.');
    const read = readProgressFile(await file.text(), new Set(this.ids));
    if (read.ok) {
      const storage = browserStorage();
      const refused = read.solved.filter((id) => !rememberSolved(storage, id));
      this.render();
      this.say(
        refused.length
          ? 'This browser does not allow saving progress here, so nothing could be imported.'
          : importSummary(read),
      );
    } else this.say(read.message);
  }
}

if (!customElements.get('dvr-course-map')) customElements.define('dvr-course-map', DvrCourseMap);
