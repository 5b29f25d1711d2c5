import { describe, expect, it } from 'vitest';
import { CellScheduler } from './cell-scheduler';

const cell = (name: string) => ({ name }) as unknown as Element;

/** A scheduler whose page is a list of reports and a queue of tasks the test runs by hand. */
function harness() {
  const reports = new Map<Element, (near: boolean) => void>();
  const tasks: { kind: 'later' | 'soon'; run: () => void }[] = [];
  const scheduler = new CellScheduler({
    watch: (el, report) => reports.set(el, report),
    unwatch: (el) => reports.delete(el),
    later: (run) => tasks.push({ kind: 'later', run }),
    soon: (run) => tasks.push({ kind: 'soon', run }),
  });
  const runTask = () => tasks.shift()!.run();
  /** Two cells the page has found far from the screen. */
  const farCells = () => {
    const cells = [cell('a'), cell('b')];
    for (const el of cells) {
      scheduler.add(el);
      reports.get(el)!(false);
    }
    return cells;
  };
  return { scheduler, reports, tasks, runTask, farCells };
}

describe('CellScheduler', () => {
  it('redraws a cell near the screen at once, and a cell not yet located or not watched too', () => {
    const { scheduler, reports, tasks } = harness();
    const near = cell('near');
    const unknown = cell('unknown');
    scheduler.add(near);
    scheduler.add(unknown);
    reports.get(near)!(true);
    const drawn: string[] = [];
    scheduler.render(near, () => drawn.push('near'));
    scheduler.render(unknown, () => drawn.push('unknown'));
    expect(drawn).toEqual(['near', 'unknown']);
    // A cell the scheduler does not watch (added nowhere) is never held back either.
    scheduler.render(cell('unwatched'), () => drawn.push('unwatched'));
    expect(drawn).toEqual(['near', 'unknown', 'unwatched']);
    expect(tasks).toHaveLength(0);
  });

  it('redraws far cells after the frame, one per task, in the order asked, keeping only the newest render', () => {
    const { scheduler, tasks, runTask, farCells } = harness();
    const [a, b] = farCells();
    const drawn: string[] = [];
    scheduler.render(a, () => drawn.push('a1'));
    scheduler.render(b, () => drawn.push('b1'));
    scheduler.render(a, () => drawn.push('a2'));
    expect(drawn).toEqual([]);
    expect(scheduler.isWaiting(a)).toBe(true);
    // The first waits for the frame; the rest follow in tasks of their own.
    expect(tasks.map((t) => t.kind)).toEqual(['later']);
    runTask();
    expect(drawn).toEqual(['a2']);
    expect(tasks.map((t) => t.kind)).toEqual(['soon']);
    runTask();
    expect(drawn).toEqual(['a2', 'b1']);
    runTask();
    expect(tasks).toHaveLength(0);
    expect(scheduler.isWaiting(b)).toBe(false);
  });

  it('redraws a waiting cell as soon as it comes near the screen, and forgets a removed one', () => {
    const { scheduler, reports, runTask, tasks, farCells } = harness();
    const [a, b] = farCells();
    const drawn: string[] = [];
    scheduler.render(a, () => drawn.push('a'));
    scheduler.render(b, () => drawn.push('b'));
    reports.get(b)!(true);
    expect(drawn).toEqual(['b']);
    scheduler.remove(a);
    while (tasks.length) runTask();
    expect(drawn).toEqual(['b']);
    expect(reports.has(a)).toBe(false);
  });
});
