import { describe, expect, it } from 'vitest';
import { exerciseState, judgeChoice, progressText, statusText } from './exercise-status';
import { exerciseKey, rememberSolved, wasSolved } from './exercise-storage';
import type { StorageLike } from '../state/persistence';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const broken: StorageLike = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {},
};

describe('exerciseState and statusText', () => {
  it.each([
    [true, false, 'solved', 'Solved ✓'],
    [true, true, 'solved', 'Solved ✓'],
    [false, true, 'solved-earlier', 'Solved earlier ✓ (the scenario in the sandbox no longer meets the goal)'],
    [false, false, 'unsolved', 'Not solved yet.'],
  ] as const)('met now %s, solved before %s -> %s', (met, before, state, text) => {
    expect(exerciseState(met, before)).toBe(state);
    expect(statusText(exerciseState(met, before))).toBe(text);
  });
  it('a choice exercise solved earlier does not talk about the scenario', () => {
    expect(statusText('solved-earlier', true)).toBe('Solved earlier ✓');
  });
});

describe('progressText', () => {
  it('counts solved exercises of the page', () => {
    expect(progressText(1, 2)).toBe('Exercises on this page: 1 of 2 solved');
  });
});

describe('judgeChoice', () => {
  it('asks for an answer first', () => {
    expect(judgeChoice(null, ['network'])).toEqual({ correct: false, message: 'Choose an answer first.' });
  });
  it('accepts the one answer that holds and refuses another', () => {
    expect(judgeChoice('network', ['network']).correct).toBe(true);
    expect(judgeChoice('compute1', ['network'])).toMatchObject({
      correct: false,
      message: expect.stringMatching(/^Not compute1/),
    });
  });
  it('sends the reader back to the example when no answer or several hold on their scenario', () => {
    expect(judgeChoice('network', []).message).toMatch(/none of the answers fits.*Reset/);
    expect(judgeChoice('network', ['network', 'compute1'])).toMatchObject({
      correct: false,
      message: expect.stringMatching(/more than one/),
    });
  });
});

describe('exercise storage', () => {
  it('remembers a solved exercise under dvr-lab:exercise:<id>', () => {
    const storage = memoryStorage();
    expect(wasSolved(storage, 'ch5-x')).toBe(false);
    expect(rememberSolved(storage, 'ch5-x')).toBe(true);
    expect(storage.data.get(exerciseKey('ch5-x'))).toBe('solved');
    expect(exerciseKey('ch5-x')).toBe('dvr-lab:exercise:ch5-x');
    expect(wasSolved(storage, 'ch5-x')).toBe(true);
  });
  it('never throws when storage is missing, full or refuses', () => {
    expect(wasSolved(null, 'a')).toBe(false);
    expect(rememberSolved(null, 'a')).toBe(false);
    expect(wasSolved(broken, 'a')).toBe(false);
    expect(rememberSolved(broken, 'a')).toBe(false);
  });
  it('ignores anything but "solved"', () => {
    const storage = memoryStorage();
    storage.data.set(exerciseKey('a'), 'garbage');
    expect(wasSolved(storage, 'a')).toBe(false);
  });
});
