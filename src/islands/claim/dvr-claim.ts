import type { TraceRequest } from '../../view-model/core-types';
import { followExample } from '../state/follow-example';
import { readData } from '../state/read-data';
import { traceOn } from '../state/result-traces';

/** The title a claim carries while it holds on the example; replaced while it does not hold on the reader's. */
const EXAMPLE_TITLE = 'Checked by the simulator on this chapter’s example';

/**
 * `<dvr-claim>`: a sentence of the prose the build checked on the example. After every run of the reader's
 * scenario it is checked again on that run's result (no simulation of its own), and where it stops being true
 * the page says so right after the sentence, in words a screen reader reads with it.
 */
export class DvrClaim extends HTMLElement {
  private unsubscribe: (() => void) | null = null;

  connectedCallback(): void {
    const example = this.dataset.example;
    const request = readData<TraceRequest>(this.dataset.request);
    const expect = readData<string[]>(this.dataset.expect);
    if (!example || !request || !expect || this.unsubscribe) return;
    // Each valid run is checked (a far claim after the reader's frame); while the text has problems the page shows
    // the last valid run, and so does the claim's verdict.
    this.unsubscribe = followExample(this, example, (core, result) => {
      const traced = traceOn(core, result, request);
      const failures = expect
        .map((e) => core.checkExpectation(traced.trace, traced.errors, e))
        .filter((f): f is string => f !== null);
      this.show(failures);
    });
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private show(failures: string[]): void {
    const note = this.querySelector<HTMLElement>('[data-role="note"]');
    const holds = failures.length === 0;
    this.dataset.holds = String(holds);
    this.title = holds ? EXAMPLE_TITLE : 'True of the chapter’s example, not of your scenario';
    if (!note) return;
    const text = holds ? '' : ` (not so in your scenario: ${failures.join('; ')})`;
    if (note.textContent !== text) note.textContent = text;
    note.hidden = holds;
  }
}

if (!customElements.get('dvr-claim')) customElements.define('dvr-claim', DvrClaim);
