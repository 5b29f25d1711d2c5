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
