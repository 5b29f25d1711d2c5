import { describe, expect, it } from 'vitest';
import { printableText, unprintableProblem } from '../../src/index.js';

describe('unprintableProblem', () => {
  it.each(['VM3', 'compute-1', 'réseau élève', '网络', 'emoji 🐧', '$(touch x)', "it's", '<b>'])(
    'unprintableProblem(%j) is null: printable text, however odd',
    (text) => {
      expect(unprintableProblem(text)).toBeNull();
    },
  );

  it.each([
    ['a\nb', 'control character (U+000A) at character 2'],
    ['\tx', 'control character (U+0009) at character 1'],
    ['x\u007f', 'control character (U+007F)'],
    ['x\u0085', 'control character (U+0085)'],
    ['🐧\u200b', 'invisible format character (U+200B) at character 2'],
    ['a\u2029', 'line separator (U+2029)'],
    ['\udfff', 'lone surrogate (U+DFFF)'],
    ['a\ud83d', 'lone surrogate (U+D83D) at character 2'],
  ])('unprintableProblem(%j) says %s', (text, message) => {
    expect(unprintableProblem(text)).toContain(message);
  });
});

describe('printableText', () => {
  it('printableText escapes what a terminal acts on, and keeps newlines and tabs of whole outputs only when asked', () => {
    expect(printableText('a\u001b[2J\nb\tc\ud800')).toBe('a\\u{1B}[2J\\u{A}b\\u{9}c\\u{D800}');
    expect(printableText('a\u001b[2J\nb\tc', true)).toBe('a\\u{1B}[2J\nb\tc');
  });
});
