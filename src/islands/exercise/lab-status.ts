import type { StorageLike } from '../state/persistence';

/** Where a lab stands for the reader: not loaded, loaded and still broken, fixed now, or fixed some time before. */
export type LabState = 'unloaded' | 'broken' | 'solved' | 'solved-earlier';

/** The state shown, from whether the lab is loaded, whether the sandbox's scenario passes, and earlier progress. */
export function labState(loaded: boolean, passes: boolean, solvedBefore: boolean): LabState {
  if (loaded && passes) return 'solved';
  if (solvedBefore) return 'solved-earlier';
  return loaded ? 'broken' : 'unloaded';
}

/** The status line's sentence for a state. */
export function labStatusText(state: LabState): string {
  switch (state) {
    case 'solved':
      return 'Solved ✓ The fault is fixed.';
    case 'solved-earlier':
      return 'Solved earlier ✓ Load the lab again to practise.';
    case 'broken':
      return 'Loaded: the sandbox holds the broken cloud. Find the fault and fix it in the form or the editor.';
    default:
      return 'Not loaded.';
  }
}

/** The storage key that remembers a lab is loaded in this browser (the sandbox keeps the broken scenario too). */
export function labLoadedKey(id: string): string {
  return `dvr-lab:lab-loaded:${id}`;
}

/** Whether the lab was loaded and not reset since; false when storage cannot be read. */
export function wasLoaded(storage: StorageLike | null, id: string): boolean {
  try {
    return storage?.getItem(labLoadedKey(id)) === 'loaded';
  } catch {
    return false;
  }
}

/** Remembers (or forgets) that the lab is loaded; storage that refuses changes nothing. */
export function rememberLoaded(storage: StorageLike | null, id: string, loaded: boolean): void {
  try {
    if (loaded) storage?.setItem(labLoadedKey(id), 'loaded');
    else storage?.removeItem(labLoadedKey(id));
  } catch {
    // Progress that cannot be kept is not an error for the reader: the lab still works in this page.
  }
}
