import type { MapStore } from 'nanostores';
import { TRACE_COLUMNS, traceTables, type TraceTables } from '../../view-model/trace-rows';
import type { Trace, TraceDetail } from '../../view-model/core-types';
import { markTraceRendered } from '../state/perf-marks';
import { sandboxStore, setHop, type SandboxState } from '../state/sandbox-store';
import { markCurrentRow, renderTraceTable } from './render-trace-table';
import { revealLab } from '../lab/reveal-lab';

/** `<dvr-trace>`: keeps the build-time trace tables live, follows the shared current hop, and switches detail level. */
export class DvrTrace extends HTMLElement {
  private store: MapStore<SandboxState> | null = null;
  private unsubscribe: (() => void) | null = null;
  private revision = -1;
  private detail: TraceDetail = 'summary';
  private markedHop = -1;

  connectedCallback(): void {
    const id = this.dataset.example;
    if (!id || this.store) return;
    this.store = sandboxStore(id);
    this.querySelector('[data-role="controls"]')?.removeAttribute('hidden');
    const select = this.querySelector<HTMLSelectElement>('select[data-role="detail"]');
    this.detail = (select?.value as TraceDetail | undefined) ?? 'summary';
    select?.addEventListener('change', () => {
      this.detail = select.value as TraceDetail;
      this.revision = -1;
      this.render(this.store!.get(), true);
    });
    // Choosing a hop, by its button or anywhere on its rows, shows it in the diagram and inspector, and brings them here.
    this.addEventListener('click', (event) => {
      const target = event.target as Element | null;
      if (!this.store || !target || getSelection()?.toString()) return;
      const chosen = target.closest<HTMLElement>('button[data-hop], tr[data-hop], tr[data-under]');
      if (!chosen) return;
      const hop = Number(chosen.dataset.hop ?? chosen.dataset.under);
      setHop(this.store, hop, this.querySelectorAll('tr[data-hop]').length);
      revealLab(id);
    });
    this.unsubscribe = this.store.subscribe((state) => this.render(state, false));
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.store = null;
  }

  private render(state: SandboxState, detailChanged: boolean): void {
    this.dataset.stale = String(state.stale);
    const result = state.result;
    let filled = false;
    if (result && result.revision !== this.revision) {
      this.revision = result.revision;
      this.fill(traceTables(result.trace, this.detail));
      if (this.dataset.example) markTraceRendered(this.dataset.example, result.revision);
      filled = true;
    } else if (!result && detailChanged) {
      this.fillFromBuild();
      filled = true;
    }
    if (!filled && state.hop === this.markedHop) return;
    this.markedHop = state.hop;
    const row = markCurrentRow(this, state.hop);
    // Stepping into the reply opens its folded table, so the highlighted row is visible.
    const reply = this.querySelector<HTMLDetailsElement>('details[data-role="reply"]');
    if (row && reply && reply.contains(row)) reply.open = true;
  }

  /** Before the simulator has run, the build-time rows are the data: re-derive the chosen detail level from them. */
  private fillFromBuild(): void {
    const json = this.dataset.trace;
    if (!json) return;
    try {
      this.fill(traceTables(JSON.parse(json) as Trace, this.detail));
    } catch {
      // the build-time render stays as it is
    }
  }

  private fill(tables: TraceTables): void {
    const columns = TRACE_COLUMNS[this.detail];
    const forward = this.querySelector<HTMLTableElement>('table[data-testid="trace-table"]');
    const reply = this.querySelector<HTMLTableElement>('table[data-testid="reply-table"]');
    const hop = this.store?.get().hop ?? -1;
    if (forward) renderTraceTable(forward, tables.forward, columns, hop);
    if (reply) renderTraceTable(reply, tables.reply, columns, hop);
    const verdict = this.querySelector('[data-role="verdict"]');
    if (verdict) verdict.textContent = tables.verdict;
    const replyVerdict = this.querySelector('[data-role="reply-verdict"]');
    if (replyVerdict) replyVerdict.textContent = tables.replyVerdict ?? 'There is no reply: the packet did not arrive.';
    const replySection = this.querySelector<HTMLDetailsElement>('details[data-role="reply"]');
    if (replySection) replySection.hidden = tables.reply.length === 0;
  }
}

if (!customElements.get('dvr-trace')) customElements.define('dvr-trace', DvrTrace);
