import { differsNote, boundValue, type BindingSource } from '../../view-model/bound-values';
import type { TraceRequest } from '../../view-model/core-types';
import { followExample } from '../state/follow-example';
import { readData } from '../state/read-data';
import { traceOn } from '../state/result-traces';
import type { LiveResult } from '../state/sandbox-store';

/** Each result's binding source, built once however many values the page binds to it. */
const sources = new WeakMap<LiveResult, BindingSource>();

function sourceOf(core: Parameters<typeof traceOn>[0], result: LiveResult, request: TraceRequest): BindingSource {
  let source = sources.get(result);
  if (!source) {
    let scenario: unknown = null;
    try {
      scenario = result.text === undefined ? null : JSON.parse(result.text);
    } catch {
      scenario = null;
    }
    source = { scenario, hops: traceOn(core, result, request).trace?.hops ?? null };
    sources.set(result, source);
  }
  return source;
}

/**
 * `<dvr-val>`: a value quoted in the prose, following the sandbox. Before any edit it shows the build's text (the
 * example's value, checked by the build); after each run it shows the reader's value, marked, with a note for
 * screen readers, or says the value is not in the reader's scenario any more.
 */
export class DvrVal extends HTMLElement {
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    const example = this.dataset.example;
    const request = readData<TraceRequest>(this.dataset.request);
    if (!example || !request || this.unsubscribe) return;
    this.unsubscribe = followExample(this, example, (core, result) =>
      this.show(boundValue(this.dataset.of ?? '', sourceOf(core, result, request))),
    );
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private show(value: string | null): void {
    const example = this.dataset.value ?? '';
    const shown = this.querySelector<HTMLElement>('[data-role="value"]');
    const note = this.querySelector<HTMLElement>('[data-role="note"]');
    const text = value ?? example;
    if (shown && shown.textContent !== text) shown.textContent = text;
    const differs = value === example ? null : value === null ? 'missing' : 'true';
    if (differs) this.dataset.differs = differs;
    else delete this.dataset.differs;
    const said = differs ? differsNote(example, value) : '';
    if (note && note.textContent !== said) note.textContent = said;
    if (differs) this.title = said.trim().replace(/^\((.*)\)$/, '$1');
    else this.removeAttribute('title');
  }
}

if (!customElements.get('dvr-val')) customElements.define('dvr-val', DvrVal);
