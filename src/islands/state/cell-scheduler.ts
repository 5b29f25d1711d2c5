/** What a scheduler needs from its page: injected, so the ordering is unit-tested without a browser. */
export interface SchedulerDeps {
  /** Starts reporting whether `el` is on or near the screen; `report` is called whenever that changes. */
  watch: (el: Element, report: (near: boolean) => void) => void;
  /** Stops reporting on `el`. */
  unwatch: (el: Element) => void;
  /** Runs `task` in a task of its own, after the page's next frame. */
  later: (task: () => void) => void;
  /** Runs `task` in a task of its own, soon (the browser may paint between two such tasks). */
  soon: (task: () => void) => void;
}

/**
 * Decides when a result-driven cell redraws after an edit, so the reader's frame carries only what they can see:
 * a cell on or near the screen redraws at once (in the edit's own task); a cell far from it waits and redraws
 * after the frame, one cell per task (so no one task grows with the page), or at once if the reader scrolls to it
 * first. A cell's newest render replaces an older one still waiting.
 */
export class CellScheduler {
  private readonly near = new Map<Element, boolean>();
  private readonly waiting = new Map<Element, () => void>();
  private draining = false;

  constructor(private readonly deps: SchedulerDeps) {}

  /** Starts watching a cell; until the page has reported where it is, it counts as near (it redraws at once). */
  add(el: Element): void {
    if (this.near.has(el)) return;
    this.near.set(el, true);
    this.deps.watch(el, (near) => {
      this.near.set(el, near);
      if (near) this.runWaiting(el);
    });
  }

  /** Forgets a cell (it left the page) and any render it had waiting. */
  remove(el: Element): void {
    this.near.delete(el);
    this.waiting.delete(el);
    this.deps.unwatch(el);
  }

  /** Redraws a cell now when it is near the screen (or not watched), else once the reader's frame is painted. */
  render(el: Element, run: () => void): void {
    if (this.near.get(el) !== false) {
      this.waiting.delete(el);
      run();
      return;
    }
    this.waiting.set(el, run);
    this.drain();
  }

  /** Whether a render of this cell is waiting: how the unit tests see that a far cell was held back. */
  isWaiting(el: Element): boolean {
    return this.waiting.has(el);
  }

  private runWaiting(el: Element): void {
    const run = this.waiting.get(el);
    if (!run) return;
    this.waiting.delete(el);
    run();
  }

  /** Runs the waiting renders one per task, in the order they were asked for, until none waits. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const next = () => {
      const first = this.waiting.keys().next();
      if (first.done) {
        this.draining = false;
        return;
      }
      this.runWaiting(first.value);
      this.deps.soon(next);
    };
    this.deps.later(next);
  }
}

/** The page's scheduler: an IntersectionObserver on the viewport and a margin beside it, tasks after the frame. */
function pageScheduler(): CellScheduler {
  if (typeof IntersectionObserver === 'undefined' || typeof requestAnimationFrame === 'undefined')
    return new CellScheduler({
      watch: () => {},
      unwatch: () => {},
      later: (task) => setTimeout(task, 0),
      soon: (task) => setTimeout(task, 0),
    });
  const reports = new Map<Element, (near: boolean) => void>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) reports.get(entry.target)?.(entry.isIntersecting);
    },
    // Near is on screen or just beside it: a cell further away is redrawn a task or two after the frame, well
    // before a scroll can bring it into view (and at once if one does).
    { rootMargin: '10% 0px 10% 0px' },
  );
  return new CellScheduler({
    watch: (el, report) => {
      reports.set(el, report);
      observer.observe(el);
    },
    unwatch: (el) => {
      reports.delete(el);
      observer.unobserve(el);
    },
    // rAF runs before the frame's style, layout and paint; a task posted from it runs after them.
    later: (task) => requestAnimationFrame(() => setTimeout(task, 0)),
    soon: (task) => setTimeout(task, 0),
  });
}

let shared: CellScheduler | null = null;

/** The one scheduler of this page, shared by every result-driven cell. */
export function cellScheduler(): CellScheduler {
  shared ??= pageScheduler();
  return shared;
}

/**
 * Subscribes a cell to a store while the page's scheduler watches the cell: the listener gets each value and a
 * `schedule` that redraws the cell now or after the frame (see CellScheduler). The returned function undoes both.
 */
export function subscribeCell<T>(
  el: Element,
  store: { subscribe(listener: (value: T) => void): () => void },
  listener: (value: T, schedule: (run: () => void) => void) => void,
): () => void {
  const scheduler = cellScheduler();
  scheduler.add(el);
  const schedule = (run: () => void) => scheduler.render(el, run);
  const unsubscribe = store.subscribe((value) => listener(value, schedule));
  return () => {
    unsubscribe();
    scheduler.remove(el);
  };
}
