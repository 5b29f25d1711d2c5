import type { FormField, ScenarioError } from '../../view-model/core-types';

/** A problem as the sandbox shows it: one location a reader can find, and the core's message in plain words. */
export interface Problem {
  /** The form field the problem is about, when the form has a field for it (the field is marked invalid). */
  field: FormField | null;
  /** Where to look: the field's label, or line and column in the scenario text, or "The scenario". */
  where: string;
  message: string;
}

/** The core words a syntax error "JSON syntax error at line 3, column 5: …"; the location is already given once. */
const SYNTAX = /^JSON syntax error at line \d+, column \d+:\s*/;

/** Removes the location a syntax error's message repeats (the problem list gives it once). */
export function plainMessage(message: string): string {
  return SYNTAX.test(message) ? `Not valid JSON: ${message.replace(SYNTAX, '')}` : message;
}

/** The form field a problem concerns: the one at its pointer or containing it. */
export function fieldOf(error: ScenarioError, fields: readonly FormField[]): FormField | null {
  return fields.find((f) => error.path === f.pointer || error.path.startsWith(`${f.pointer}/`)) ?? null;
}

/**
 * The sandbox's problem list: each problem once, with one location and no JSON pointer. A problem with a form
 * field is located by the field's label; any other by line and column in the text (the core's, else where the
 * core finds the pointer's value). JSON syntax errors at one place are one problem, whatever the parser reports.
 */
export function describeProblems(
  errors: readonly ScenarioError[],
  fields: readonly FormField[],
  locate: (pointer: string) => { line: number; column: number } | null,
): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    const field = fieldOf(error, fields);
    const at =
      error.line !== undefined ? { line: error.line, column: error.column } : field ? null : locate(error.path);
    const where = field
      ? field.label
      : at
        ? `Line ${at.line}${at.column !== undefined ? `, column ${at.column}` : ''}`
        : 'The scenario';
    const message = plainMessage(error.message);
    const key = SYNTAX.test(error.message) ? `syntax ${where}` : `${where}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ field, where, message });
  }
  return problems;
}

/** The errors that concern one form field: at its pointer or inside it. */
export function errorsForPointer(errors: readonly ScenarioError[], pointer: string): ScenarioError[] {
  return errors.filter((e) => e.path === pointer || e.path.startsWith(`${pointer}/`));
}
