/**
 * Replaces a container's HTML while keeping the reader's folds: every `<details data-fold>` the reader opened
 * or closed keeps that state across a live re-render (keyed by its `data-fold`); new folds keep their default.
 */
export function replaceKeepingFolds(target: Element, html: string): void {
  const state = new Map<string, boolean>();
  for (const fold of target.querySelectorAll<HTMLDetailsElement>('details[data-fold]'))
    state.set(fold.dataset.fold!, fold.open);
  target.innerHTML = html;
  for (const fold of target.querySelectorAll<HTMLDetailsElement>('details[data-fold]')) {
    const open = state.get(fold.dataset.fold!);
    if (open !== undefined) fold.open = open;
  }
}
