import type { ScenarioError } from '../../view-model/core-types';

/**
 * An error as the sandbox lists it: where (pointer, and line/column when known) and why. `located` is where the
 * core found the pointer's value in the text, for semantic errors that carry no line of their own.
 */
export function describeError(
  error: ScenarioError,
  located?: { line: number; column: number } | null,
): { where: string; message: string } {
  const path = error.path === '' ? '(whole scenario)' : error.path;
  const line = error.line ?? located?.line;
  const column = error.line !== undefined ? error.column : located?.column;
  const at = line !== undefined ? ` line ${line}${column !== undefined ? `, column ${column}` : ''}` : '';
  return { where: `${path}${at}:`, message: error.message };
}

/** The errors that concern one form field: at its pointer or inside it. */
export function errorsForPointer(errors: readonly ScenarioError[], pointer: string): ScenarioError[] {
  return errors.filter((e) => e.path === pointer || e.path.startsWith(`${pointer}/`));
}
