import { describe, expect, it } from 'vitest';
import { emptyHistory, HISTORY_LIMIT, move, remember } from './console-history';

describe('console history', () => {
  it('ArrowUp walks back through the lines run, ArrowDown forward, and the typed draft comes back at the end', () => {
    let h = remember(remember(emptyHistory(), 'ip netns'), 'brctl show');
    let r = move(h, 'ovs-', -1);
    expect(r.line).toBe('brctl show');
    r = move(r.history, r.line, -1);
    expect(r.line).toBe('ip netns');
    r = move(r.history, r.line, -1);
    expect(r.line).toBe('ip netns'); // the oldest line stays
    r = move(r.history, r.line, 1);
    expect(r.line).toBe('brctl show');
    r = move(r.history, r.line, 1);
    expect(r.line).toBe('ovs-');
    h = r.history;
    expect(move(h, 'ovs-', 1).line).toBe('ovs-');
  });

  it('remember skips blank lines and an immediate repeat, and keeps at most the limit', () => {
    let h = emptyHistory();
    for (const line of ['ip netns', 'ip netns', '  ', 'help']) h = remember(h, line);
    expect(h.lines).toEqual(['ip netns', 'help']);
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = remember(h, `line ${i}`);
    expect(h.lines).toHaveLength(HISTORY_LIMIT);
    expect(h.lines[0]).toBe('line 5');
  });
});
