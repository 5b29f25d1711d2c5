import type { ScenarioError } from '../state/core-types';

/** An error as the sandbox lists it: where (pointer, and line/column when known) and why. */
export function describeError(error: ScenarioError): { where: string; message: string } {
  const path = error.path === '' ? '(whole scenario)' : error.path;
  const at = error.line !== undefined ? ` line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}` : '';
  return { where: `${path}${at}:`, message: error.message };
}

/** The errors that concern one form field: at its pointer or inside it. */
export function errorsForPointer(errors: readonly ScenarioError[], pointer: string): ScenarioError[] {
  return errors.filter((e) => e.path === pointer || e.path.startsWith(`${pointer}/`));
}
