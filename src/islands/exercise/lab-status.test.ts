import { describe, expect, it } from 'vitest';
import { labState, labStatusText } from './lab-status';
import { rememberLoaded } from './fault-lab-controller';
import { labLoadedKey, wasLoaded } from './lab-storage';

describe('lab status', () => {
  it.each([
    [false, false, false, 'unloaded'],
    [false, true, false, 'unloaded'],
    [true, false, false, 'broken'],
    [true, true, false, 'solved'],
    [false, false, true, 'solved-earlier'],
    [true, false, true, 'solved-earlier'],
  ] as const)('loaded=%s passes=%s solvedBefore=%s is %s', (loaded, passes, before, state) => {
    expect(labState(loaded, passes, before)).toBe(state);
  });

  it('a scenario that passes before the lab is loaded (the healthy example) does not count as solved', () => {
    expect(labState(false, true, false)).not.toBe('solved');
  });

  it('tells the reader where to fix the broken cloud once loaded', () => {
    expect(labStatusText('broken')).toContain('form or the editor');
    expect(labStatusText('solved')).toMatch(/^Solved ✓/);
  });

  it('remembers and forgets a loaded lab, and survives storage that refuses', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    rememberLoaded(storage, 'ch5-lab', true);
    expect(data.get(labLoadedKey('ch5-lab'))).toBe('loaded');
    expect(wasLoaded(storage, 'ch5-lab')).toBe(true);
    rememberLoaded(storage, 'ch5-lab', false);
    expect(wasLoaded(storage, 'ch5-lab')).toBe(false);
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    expect(() => rememberLoaded(refusing, 'x', true)).not.toThrow();
    expect(wasLoaded(refusing, 'x')).toBe(false);
    expect(wasLoaded(null, 'x')).toBe(false);
  });
});
