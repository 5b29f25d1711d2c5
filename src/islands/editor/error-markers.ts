import type { ScenarioError } from '../../view-model/core-types';
import type { TextRange } from '../state/form-binding';
import type { EditorMarker } from './create-editor';
import { plainMessage } from '../sandbox/describe-error';

/**
 * Places the simulator's errors in the text: where the core gave line and column, there; else at the value the
 * JSON pointer names (located by the core); else on the first line, so no error is ever dropped. The marker is
 * the location, so the message is the plain sentence alone, and one place gets one marker per message.
 */
export function errorMarkers(
  text: string,
  errors: readonly ScenarioError[],
  locate: (text: string, pointer: string) => TextRange | null,
): EditorMarker[] {
  const seen = new Set<string>();
  return errors.flatMap((error) => {
    const message = plainMessage(error.message);
    const at = `${error.path} ${error.line ?? ''}:${error.column ?? ''}`;
    // The parser may say two things about one typo; the first is the one the reader needs.
    const key = message.startsWith('Not valid JSON:') ? at : `${at} ${message}`;
    if (seen.has(key)) return [];
    seen.add(key);
    if (error.line !== undefined && error.column !== undefined) {
      return [{ message, line: error.line, column: error.column, endLine: error.line, endColumn: error.column + 1 }];
    }
    let range: TextRange | null = null;
    try {
      range = locate(text, error.path);
    } catch {
      range = null;
    }
    if (range) return [{ message, ...range }];
    const firstLineEnd = text.indexOf('\n');
    return [
      { message, line: 1, column: 1, endLine: 1, endColumn: (firstLineEnd < 0 ? text.length : firstLineEnd) + 1 },
    ];
  });
}
