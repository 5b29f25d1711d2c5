import { describe, expect, it } from 'vitest';
import { errorMarkers } from './error-markers';

describe('error markers', () => {
  const locate = (_text: string, pointer: string) =>
    pointer === '/vms/0/ip' ? { line: 3, column: 9, endLine: 3, endColumn: 20 } : null;

  it('errorMarkers uses the line and column the core gave', () => {
    expect(errorMarkers('{\n x', [{ path: '', message: 'expected a value', line: 2, column: 2 }], locate)).toEqual([
      { message: 'expected a value', line: 2, column: 2, endLine: 2, endColumn: 3 },
    ]);
  });

  it('errorMarkers locates semantic errors by their JSON pointer', () => {
    expect(errorMarkers('{}', [{ path: '/vms/0/ip', message: 'outside its subnet' }], locate)).toEqual([
      { message: 'outside its subnet', line: 3, column: 9, endLine: 3, endColumn: 20 },
    ]);
  });

  it('errorMarkers gives a repeated error at one place one marker', () => {
    const twice = { path: '', message: 'JSON syntax error at line 2, column 2: expected a value', line: 2, column: 2 };
    expect(errorMarkers('{\n x', [twice, twice], locate)).toEqual([
      { message: 'Not valid JSON: expected a value', line: 2, column: 2, endLine: 2, endColumn: 3 },
    ]);
  });

  it('errorMarkers falls back to the first line rather than dropping an error', () => {
    const markers = errorMarkers('{ "a": 1 }\n', [{ path: '/nowhere', message: 'odd' }], () => {
      throw new Error('boom');
    });
    expect(markers).toEqual([{ message: 'odd', line: 1, column: 1, endLine: 1, endColumn: 11 }]);
  });
});
