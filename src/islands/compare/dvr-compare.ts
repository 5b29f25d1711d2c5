import type { ModeComparison } from '@dvr-lab/sandbox-core';
import {
  cellKey,
  cellText,
  COMPARE_METRICS,
  COMPARE_MODES,
  compareTable,
  formatTotal,
  parseWeight,
  type CompareWalk,
} from '../../view-model/compare-table';
import { followExample } from '../state/follow-example';
import { readData } from '../state/read-data';

/**
 * `<dvr-compare>`: reprices the example's walks under DVR and legacy on each result of the page's sandbox (whose
 * model is the DVR side when its routers are all distributed), and re-weights the totals as the reader types
 * weights (no simulator run needed for that).
 */
export class DvrCompare extends HTMLElement {
  private unsubscribe: (() => void) | null = null;
  private walks: CompareWalk[] = [];
  private comparisons: ModeComparison[] = [];
  private weights: number[] = [];

  connectedCallback(): void {
    const id = this.dataset.example;
    if (!id || this.unsubscribe) return;
    this.walks = readData<CompareWalk[]>(this.dataset.walks) ?? [];
    this.comparisons = readData<ModeComparison[]>(this.dataset.comparisons) ?? [];
    this.weights = this.walks.map((w) => w.weight ?? 1);
    this.addEventListener('input', (event) => {
      const input = (event.target as Element | null)?.closest<HTMLInputElement>('input[data-row]');
      if (!input) return;
      const w = parseWeight(input.value);
      input.setAttribute('aria-invalid', String(w === null));
      this.weights[Number(input.dataset.row)] = w ?? 0;
      const error = this.querySelector<HTMLElement>('[data-role="weight-error"]');
      if (error) error.hidden = !this.querySelector('input[data-row][aria-invalid="true"]');
      this.paint();
    });
    this.unsubscribe = followExample(this, id, (core, result) => {
      // The sandbox's own run is the DVR side (when its routers are all distributed); the legacy side is modelled here.
      if (result.text === undefined) return;
      this.comparisons = core.compareModes(
        result.text,
        this.walks.map((w) => ({ request: w.request, weight: w.weight ?? 1 })),
        result.model,
      ).rows;
      this.paint();
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Writes every number of the table from the current comparisons and weights. */
  private paint(): void {
    const table = compareTable(this.walks, this.comparisons, this.weights);
    table.rows.forEach((row, i) => {
      for (const mode of COMPARE_MODES) {
        for (const { key } of COMPARE_METRICS) {
          const cell = this.querySelector(`[data-cell="${cellKey(i, mode, key)}"]`);
          setText(cell?.querySelector('.dvr-compare-num'), cellText(row[mode], key));
          if (key === 'hosts')
            setText(cell?.querySelector('.dvr-compare-hosts'), row[mode]?.hostNames.join(', ') ?? '');
        }
      }
      const note = this.querySelector<HTMLElement>(`[data-role="note"][data-row="${i}"]`);
      if (note) {
        const broken = !row.dvr || !row.legacy;
        const dropped = row.dvr?.dropped || row.legacy?.dropped;
        note.hidden = !broken && !dropped;
        note.textContent = broken
          ? 'Cannot be traced in this scenario (a name or address it uses is gone).'
          : dropped
            ? 'Dropped in at least one mode.'
            : '';
      }
    });
    for (const mode of COMPARE_MODES)
      for (const { key } of COMPARE_METRICS)
        setText(
          this.querySelector(`[data-cell="${cellKey('total', mode, key)}"] .dvr-compare-num`),
          formatTotal(table.totals[mode][key]),
        );
    setText(this.querySelector('[data-role="summary"]'), table.summary);
  }
}

function setText(el: Element | null | undefined, text: string): void {
  if (el && el.textContent !== text) el.textContent = text;
}

if (!customElements.get('dvr-compare')) customElements.define('dvr-compare', DvrCompare);
