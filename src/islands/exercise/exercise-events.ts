/**
 * The page events that connect exercises, the progress line and the sandbox without either importing the other:
 * an exercise asks the example's sandbox to show a scenario or to reset, and tells the page when it is solved.
 */

/** Asks the sandbox of `example` to take `text` as if the reader had typed it (the quick form and an open editor follow). */
export const SET_SCENARIO_EVENT = 'dvr:set-scenario';
/** Asks the sandbox of `example` to go back to the chapter's example, like its Reset button. */
export const RESET_EVENT = 'dvr:reset';
/** Tells the page that exercise `id` has just been solved (the progress line counts it). */
export const SOLVED_EVENT = 'dvr:exercise-solved';

/** Detail of {@link SET_SCENARIO_EVENT}: the scenario text, and the packet to trace with it when it changes too. */
export interface SetScenarioDetail {
  example: string;
  text: string;
  request?: unknown;
}

/** Detail of {@link RESET_EVENT}. */
export interface ResetDetail {
  example: string;
}

/** Detail of {@link SOLVED_EVENT}. */
export interface SolvedDetail {
  id: string;
}

/** Dispatches one of these events on `document`, where the sandbox and the progress line listen. */
export function announce<T>(type: string, detail: T, target: EventTarget = document): void {
  target.dispatchEvent(new CustomEvent<T>(type, { detail }));
}
