import { describe, expect, it } from 'vitest';
import { readData } from './read-data';

describe('readData', () => {
  it('reads the JSON the build wrote', () => {
    expect(readData<number[]>('[1,2]')).toEqual([1, 2]);
  });

  it('gives null for a missing, empty or damaged attribute instead of throwing', () => {
    expect(readData(undefined)).toBeNull();
    expect(readData('')).toBeNull();
    expect(readData('{"cut')).toBeNull();
  });
});
