/**
 * Claims and exercises as data: the props a chapter writes in MDX, read into requests and expectations,
 * and checked against the simulator. Shared by Claim.astro and Exercise.astro (which fail the build) and by
 * content-claims.test.ts (which checks every chapter), so the three can never disagree about what a prop means.
 * Runs at build and test time only; the browser gets the results as data attributes.
 */
import jsonPatch, { type Operation } from 'fast-json-patch';
import type { TraceRequest } from './core-types';
import { parseTraceRequest, type ClaimResult } from '@dvr-lab/sandbox-core';

/** The core's `checkClaim`, passed in so these functions stay pure and testable with a fake simulator. */
export type CheckClaim = (scenarioText: string, claim: { request: TraceRequest; expect: string[] }) => ClaimResult;

/** The packet part of a Claim's or an Exercise's props, as plain strings from MDX. */
export interface PacketProps {
  from: string;
  to: string;
  proto?: string;
  dport?: string | number;
}

/** A Claim: a packet, what must hold for it, and the sentence the chapter says. */
export interface ClaimSpec {
  example: string;
  request: TraceRequest;
  expect: string[];
  sentence: string;
}

/** One answer of a choice exercise, with the expectations it stands for ({choice} substituted). */
export interface ChoiceSpec {
  label: string;
  expect: string[];
}

/** An Exercise: the goal (a claim the reader's scenario must come to meet), or a question with choices. */
export interface ExerciseSpec {
  id: string;
  example: string;
  title: string;
  request: TraceRequest;
  /** The goal's expectations; for a choice exercise they still contain `{choice}`. */
  expect: string[];
  hint: string;
  /** The solution as an RFC 6902 JSON Patch on the chapter's example; required unless there are choices. */
  solution: Operation[] | null;
  /** The answers of a choice exercise; null for a goal exercise. */
  choices: ChoiceSpec[] | null;
}

/** The placeholder a choice exercise's `expect` uses for the answer being tried. */
export const CHOICE_PLACEHOLDER = '{choice}';

/** Splits a `;`-separated list (expectations, choices), trimming and dropping empty items. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Reads the packet props into a TraceRequest with the core's one request parser; throws a sentence naming the bad prop. */
export function requestFromProps(props: PacketProps): TraceRequest {
  const input: Record<string, unknown> = { from: props.from ?? '', to: props.to ?? '' };
  if (props.proto !== undefined) input.proto = String(props.proto).trim();
  if (props.dport !== undefined) input.dport = String(props.dport).trim();
  const { request, errors } = parseTraceRequest(input);
  if (request) return request;
  throw new Error(errors.map((e) => `${e.path.replace('/request/', '')}: ${e.message}`).join('; '));
}

/** The expectations with every `{choice}` replaced by one answer. */
export function substituteChoice(expect: readonly string[], choice: string): string[] {
  return expect.map((e) => e.split(CHOICE_PLACEHOLDER).join(choice));
}

/** Reads a `solution` prop (JSON Patch text); throws a sentence saying what is wrong with it. */
export function parseSolution(text: string): Operation[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `solution is not JSON (${error instanceof Error ? error.message : String(error)}); write it in single quotes: solution='[{"op":"replace",...}]'`,
    );
  }
  if (!Array.isArray(value) || value.length === 0)
    throw new Error('solution must be a non-empty JSON Patch array (RFC 6902)');
  const problem = jsonPatch.validate(value as Operation[]);
  if (problem) throw new Error(`solution is not a valid JSON Patch: ${problem.message.split('\n')[0]}`);
  return value as Operation[];
}

/** Applies a solution patch to the chapter's example without touching it; throws when a path does not exist. */
export function applySolution(scenario: unknown, patch: readonly Operation[]): unknown {
  try {
    return jsonPatch.applyPatch(scenario, patch as Operation[], true, false).newDocument;
  } catch (error) {
    throw new Error(
      `solution does not apply to the example: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
}

/** One line per patch operation, for the reader: what "Show solution" changes. */
export function describeSolution(patch: readonly Operation[]): string[] {
  return patch.map((op) => {
    const value = 'value' in op ? JSON.stringify(op.value) : '';
    switch (op.op) {
      case 'replace':
        return `set ${op.path} to ${value}`;
      case 'add':
        return `add ${op.path}: ${value}`;
      case 'remove':
        return `remove ${op.path}`;
      case 'move':
        return `move ${op.from} to ${op.path}`;
      case 'copy':
        return `copy ${op.from} to ${op.path}`;
      default:
        return `check that ${op.path} is ${value}`;
    }
  });
}

/** Reads a Claim's props; throws a sentence naming the bad prop. */
export function claimFromProps(props: PacketProps & { example: string; expect: string }, sentence: string): ClaimSpec {
  if (!props.example) throw new Error('needs example="<example id>"');
  const expect = splitList(props.expect);
  if (expect.length === 0) throw new Error('needs expect="..." (expectations separated by ";")');
  if (expect.some((e) => e.includes(CHOICE_PLACEHOLDER)))
    throw new Error(`${CHOICE_PLACEHOLDER} belongs in a choice exercise, not in a claim`);
  return { example: props.example, request: requestFromProps(props), expect, sentence: plainSentence(sentence) };
}

/** The string props an Exercise takes in MDX. */
export interface ExerciseProps extends PacketProps {
  id: string;
  example: string;
  title: string;
  expect: string;
  hint: string;
  solution?: string;
  choices?: string;
}

/** Reads an Exercise's props; throws a sentence naming the bad prop. */
export function exerciseFromProps(props: ExerciseProps): ExerciseSpec {
  const id = String(props.id ?? '').trim();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    throw new Error(`id "${id}" must be lower-case letters, digits and dashes (e.g. ch5-snat-address)`);
  const where = `exercise ${id}`;
  const fail = (message: string): never => {
    throw new Error(`${where}: ${message}`);
  };
  if (!props.example) fail('needs example="<example id>"');
  if (!String(props.title ?? '').trim()) fail('needs a title');
  if (!String(props.hint ?? '').trim()) fail('needs a hint');
  const expect = splitList(props.expect);
  if (expect.length === 0) fail('needs expect="..." (expectations separated by ";")');
  let request: TraceRequest;
  try {
    request = requestFromProps(props);
  } catch (error) {
    return fail((error as Error).message);
  }
  const answers = splitList(props.choices);
  const usesChoice = expect.some((e) => e.includes(CHOICE_PLACEHOLDER));
  let choices: ChoiceSpec[] | null = null;
  let solution: Operation[] | null = null;
  if (props.choices !== undefined) {
    if (answers.length < 2) fail('choices needs at least two answers separated by ";"');
    if (new Set(answers).size !== answers.length) fail('choices has the same answer twice');
    if (!usesChoice) fail(`a choice exercise's expect must contain ${CHOICE_PLACEHOLDER}`);
    choices = answers.map((label) => ({ label, expect: substituteChoice(expect, label) }));
    if (props.solution !== undefined) fail('a choice exercise has no solution patch (its answer is the solution)');
  } else {
    if (usesChoice) fail(`expect contains ${CHOICE_PLACEHOLDER} but there are no choices`);
    if (props.solution === undefined)
      fail("needs solution='[...]' (a JSON Patch on the example) so readers can see one");
    try {
      solution = parseSolution(String(props.solution));
    } catch (error) {
      fail((error as Error).message);
    }
  }
  return {
    id,
    example: props.example,
    title: String(props.title).trim(),
    request,
    expect,
    hint: String(props.hint).trim(),
    solution,
    choices,
  };
}

/** Why a claim does not hold on a scenario (the simulator's own sentences), or null when it holds. */
export function claimProblem(
  check: CheckClaim,
  scenarioText: string,
  request: TraceRequest,
  expect: string[],
): string | null {
  const result = check(scenarioText, { request, expect });
  if (result.ok) return null;
  return result.failures.join('; ') || result.errors.map((e) => `${e.path} ${e.message}`).join('; ') || 'does not hold';
}

/** The answers of a choice exercise that hold on a scenario (exactly one, when the exercise is sound). */
export function holdingChoices(
  check: CheckClaim,
  scenarioText: string,
  spec: Pick<ExerciseSpec, 'request' | 'choices'>,
): string[] {
  return (spec.choices ?? [])
    .filter((c) => check(scenarioText, { request: spec.request, expect: c.expect }).ok)
    .map((c) => c.label);
}

/** What the build and the tests check of an exercise; empty when it is sound. */
export interface ExerciseCheck {
  problems: string[];
  /** The patched scenario, as the sandbox shows it (goal exercises). */
  solutionText: string | null;
  /** The answer that holds on the chapter's example (choice exercises). */
  answer: string | null;
}

/**
 * Checks an exercise against its chapter's example: the example alone must not meet the goal and the
 * solution must; for a choice exercise exactly one answer must hold. `toText` renders a scenario as the sandbox does.
 */
export function checkExercise(
  check: CheckClaim,
  scenario: unknown,
  spec: ExerciseSpec,
  toText: (scenario: unknown) => string,
): ExerciseCheck {
  const exampleText = toText(scenario);
  const problems: string[] = [];
  if (spec.choices) {
    const holding = holdingChoices(check, exampleText, spec);
    if (holding.length !== 1) {
      problems.push(
        `exactly one choice must hold on the example "${spec.example}", but ${holding.length === 0 ? 'none does' : `${holding.map((h) => `"${h}"`).join(' and ')} do`}`,
      );
    }
    return { problems, solutionText: null, answer: holding.length === 1 ? holding[0] : null };
  }
  if (claimProblem(check, exampleText, spec.request, spec.expect) === null) {
    problems.push(
      `the example "${spec.example}" already meets the goal "${spec.expect.join('; ')}" before the reader changes anything`,
    );
  }
  let solutionText: string | null = null;
  try {
    solutionText = toText(applySolution(scenario, spec.solution ?? []));
    const why = claimProblem(check, solutionText, spec.request, spec.expect);
    if (why !== null) problems.push(`the solution does not meet the goal: ${why}`);
  } catch (error) {
    problems.push((error as Error).message);
  }
  return { problems, solutionText, answer: null };
}

/** A sentence as a reader reads it: markup, Markdown emphasis and code ticks dropped, whitespace collapsed. */
export function plainSentence(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/[`*_]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A `<Claim>`, `<Exercise>`, `<Step>` or `<FaultLab>` found in an MDX file: its string props, its children and where it starts. */
export interface ComponentUsage {
  component: 'Claim' | 'Exercise' | 'Step' | 'FaultLab';
  props: Record<string, string>;
  children: string;
  line: number;
}

const ENTITIES: Record<string, string> = { quot: '"', apos: "'", amp: '&', lt: '<', gt: '>' };

/**
 * Finds every `<Claim ...>...</Claim>`, `<Exercise ...>...</Exercise>`, `<Step ...>...</Step>` and
 * `<FaultLab ...>...</FaultLab>` in an MDX file (outside fenced code).
 * Props must be plain strings (`name="..."` or `name='...'`); anything else throws, so a test never silently skips one.
 */
export function extractUsages(mdx: string): ComponentUsage[] {
  // Blank out fenced code blocks, keeping line numbers, so examples of the syntax in code are not read as usages.
  const text = mdx.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, (block) => block.replace(/[^\n]/g, ' '));
  const usages: ComponentUsage[] = [];
  const open = /<(Claim|Exercise|Step|FaultLab)(?=[\s/>])/g;
  let m: RegExpExecArray | null;
  while ((m = open.exec(text))) {
    const component = m[1] as ComponentUsage['component'];
    const line = text.slice(0, m.index).split('\n').length;
    const props: Record<string, string> = {};
    let i = m.index + m[0].length;
    const attr = /\s*([A-Za-z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|(\{)))?/y;
    for (;;) {
      const rest = /\s*(\/?>)/y;
      rest.lastIndex = i;
      const end = rest.exec(text);
      if (end) {
        i = rest.lastIndex;
        if (end[1] === '/>')
          throw new Error(`line ${line}: <${component} /> needs children (the sentence, the goal or the step's name)`);
        break;
      }
      attr.lastIndex = i;
      const a = attr.exec(text);
      if (!a) throw new Error(`line ${line}: cannot read the props of <${component}>`);
      if (a[4])
        throw new Error(`line ${line}: <${component}> prop ${a[1]} must be a plain string, not an {expression}`);
      const raw = a[2] ?? a[3];
      if (raw === undefined) throw new Error(`line ${line}: <${component}> prop ${a[1]} needs a value`);
      props[a[1]] = raw.replace(/&(quot|apos|amp|lt|gt);/g, (_, name: string) => ENTITIES[name]);
      i = attr.lastIndex;
    }
    const close = text.indexOf(`</${component}>`, i);
    if (close < 0) throw new Error(`line ${line}: <${component}> is not closed`);
    usages.push({ component, props, children: text.slice(i, close).trim(), line });
    open.lastIndex = close;
  }
  return usages;
}
