import { subscribeCell } from './cell-scheduler';
import { loadCore, type Core } from './load-core';
import { sandboxStore, type LiveResult, type SandboxState } from './sandbox-store';

/**
 * Binds an island to its example's store, the way every result-driven cell needs it: mirrors the
 * out-of-date flag on the element and calls `render` once per new valid result with the loaded core,
 * dropping a render that a newer result has overtaken while the core was loading. A cell far from the screen
 * redraws after the reader's frame instead of in it (see CellScheduler). Returns the unsubscribe.
 */
export function followExample(
  el: HTMLElement,
  exampleId: string,
  render: (core: Core, result: LiveResult, state: SandboxState) => void,
): () => void {
  let revision = -1;
  return subscribeCell(el, sandboxStore(exampleId), (state, schedule) => {
    el.dataset.stale = String(state.stale);
    const result = state.result;
    if (!result || result.revision === revision) return;
    const mine = (revision = result.revision);
    // The core is already loaded whenever a result exists; the await only unwraps the cached module.
    // A failed load is reported by the sandbox itself; the cell keeps what it shows.
    loadCore().then(
      (core) => {
        if (mine === revision) schedule(() => render(core, result, state));
      },
      () => {},
    );
  });
}
