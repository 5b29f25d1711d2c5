/**
 * The User Timing names the islands record (Performance API, no console output), in one place, so
 * `npm run bench:site` and a reader's DevTools performance panel time the same things:
 *
 *   edit ──(editor: typing pause)──▶ simulate:start ──simulate──▶ simulate:end ──▶ trace:rendered
 *                                                               └──▶ diagram:rendered ──▶ diagram:frame
 *
 * A form edit runs at once, so `edit-to-frame` (input event → the painted frame that shows it) is what a reader
 * waits; the `simulate-to-*` measures split it up, and the editor's typing pause is measured on its own.
 * Every measure carries `detail: { example }`.
 */
export const PERF = {
  /** Mark: an edit reached the controller; the debounce starts (again). */
  edit: 'dvr:edit',
  /** Mark: the debounce is over, the simulator starts on the current text. */
  simulateStart: 'dvr:simulate:start',
  /** Mark: the simulator's result (trace, model, topology) is about to be published to the islands. */
  simulateEnd: 'dvr:simulate:end',
  /** Mark: the trace table shows the new result (DOM updated). */
  traceRendered: 'dvr:trace:rendered',
  /** Mark: the diagram shows the new result (DOM updated). */
  diagramRendered: 'dvr:diagram:rendered',
  /** Mark: the first task after the frame that follows the redraw (style, layout and paint done). */
  diagramFrame: 'dvr:diagram:frame',
  /** Measure: last edit → simulate:start (the debounce plus timer lateness). */
  debounce: 'dvr:debounce',
  /** Measure: simulate:start → simulate:end (core load on the first run, parse, model, trace, topology). */
  simulate: 'dvr:simulate',
  /** Measure: simulate:start → trace:rendered. */
  toTrace: 'dvr:simulate-to-trace',
  /** Measure: simulate:start → diagram:rendered. */
  toDiagram: 'dvr:simulate-to-diagram',
  /** Measure: simulate:start → diagram:frame. */
  toDiagramFrame: 'dvr:simulate-to-diagram-frame',
  /** Measure: the edit (input event) → diagram:frame, the whole wait of a reader who used the form. */
  editToFrame: 'dvr:edit-to-frame',
} as const;

const editAt = new Map<string, number>();
const runAt = new Map<string, number>();
/** The result each example's last run published, and which islands have measured it already (each measures it once). */
const published = new Map<string, { revision: number; start: number; edit?: number; done: Set<string> }>();
/** The edit that started the current run of each example (kept past simulate:start for edit-to-frame). */
const editOfRun = new Map<string, number>();

/** Records a mark and returns its time; timing must never break the page, so any failure is ignored. */
function mark(name: string, example: string): number | null {
  try {
    return performance.mark(name, { detail: { example } }).startTime;
  } catch {
    return null;
  }
}

function measure(name: string, example: string, start: number | undefined, end: number | null): void {
  if (start === undefined || end === null) return;
  try {
    performance.measure(name, { start, end, detail: { example } });
  } catch {
    // no User Timing here (an old browser, a test runner): nothing to record
  }
}

/** The start of the run that produced this result, the first time an island reports it (later redraws are not runs). */
function runOf(example: string, revision: number, island: string): number | undefined {
  const run = published.get(example);
  if (!run || run.revision !== revision || run.done.has(island)) return undefined;
  run.done.add(island);
  return run.start;
}

/** The edit that led to the result with this revision, if an edit did (a share link's first run has none). */
function editOf(example: string, revision: number): number | undefined {
  const run = published.get(example);
  return run && run.revision === revision ? run.edit : undefined;
}

/** An edit of an example's text or packet scheduled a run. */
export function markEdit(example: string): void {
  const at = mark(PERF.edit, example);
  if (at !== null) editAt.set(example, at);
}

/** A simulator run of an example starts (the debounce, if any, is over). */
export function markSimulateStart(example: string): void {
  const at = mark(PERF.simulateStart, example);
  if (at === null) return;
  measure(PERF.debounce, example, editAt.get(example), at);
  const edit = editAt.get(example);
  if (edit === undefined) editOfRun.delete(example);
  else editOfRun.set(example, edit);
  editAt.delete(example);
  runAt.set(example, at);
}

/** A run's result (with this revision) is about to reach the islands. */
export function markSimulateEnd(example: string, revision: number): void {
  const start = runAt.get(example);
  runAt.delete(example);
  measure(PERF.simulate, example, start, mark(PERF.simulateEnd, example));
  if (start !== undefined) published.set(example, { revision, start, edit: editOfRun.get(example), done: new Set() });
  editOfRun.delete(example);
}

/** The trace table of an example shows the result with this revision. */
export function markTraceRendered(example: string, revision: number): void {
  const start = runOf(example, revision, 'trace');
  if (start !== undefined) measure(PERF.toTrace, example, start, mark(PERF.traceRendered, example));
}

/** The diagram of an example shows the result with this revision; the frame that paints it is measured too. */
export function markDiagramRendered(example: string, revision: number): void {
  const start = runOf(example, revision, 'diagram');
  if (start === undefined) return;
  const edit = editOf(example, revision);
  measure(PERF.toDiagram, example, start, mark(PERF.diagramRendered, example));
  if (typeof requestAnimationFrame !== 'function') return;
  // rAF runs before the frame's style, layout and paint; a task posted from it runs after them.
  requestAnimationFrame(() =>
    setTimeout(() => {
      const at = mark(PERF.diagramFrame, example);
      measure(PERF.toDiagramFrame, example, start, at);
      measure(PERF.editToFrame, example, edit, at);
    }, 0),
  );
}
