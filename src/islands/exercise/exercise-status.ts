/** Where an exercise stands for the reader: met by the sandbox's scenario now, solved some time before, or not yet. */
export type ExerciseState = 'solved' | 'solved-earlier' | 'unsolved';

/** The state shown, from whether the current scenario meets the goal and whether it was solved before. */
export function exerciseState(metNow: boolean, solvedBefore: boolean): ExerciseState {
  if (metNow) return 'solved';
  return solvedBefore ? 'solved-earlier' : 'unsolved';
}

/** The status line's sentence for a state. */
export function statusText(state: ExerciseState, choice = false): string {
  switch (state) {
    case 'solved':
      return 'Solved ✓';
    case 'solved-earlier':
      return choice ? 'Solved earlier ✓' : 'Solved earlier ✓ (the scenario in the sandbox no longer meets the goal)';
    default:
      return 'Not solved yet.';
  }
}

/** What "Check" says about a chosen answer, given the answers that hold on the reader's scenario. */
export function judgeChoice(chosen: string | null, holding: readonly string[]): { correct: boolean; message: string } {
  if (chosen === null) return { correct: false, message: 'Choose an answer first.' };
  if (holding.length !== 1) {
    return {
      correct: false,
      message: `With the scenario now in the sandbox, ${holding.length === 0 ? 'none of the answers fits' : 'more than one answer fits'}. Reset the sandbox to the chapter’s example and check again.`,
    };
  }
  return holding[0] === chosen
    ? { correct: true, message: `Right: ${chosen}.` }
    : { correct: false, message: `Not ${chosen}. Look at the trace again and try another answer.` };
}

/** The progress line's sentence for a page. */
export function progressText(solved: number, total: number): string {
  return `Exercises on this page: ${solved} of ${total} solved`;
}
