/**
 * Fault-finding labs as data: the props a chapter writes in MDX (`<FaultLab>`), read into the broken scenario, the
 * symptom, the hints and the model fix, and checked against the simulator. Shared by FaultLab.astro (which fails the
 * build on an unsound lab), the content tests and the browser's judge, so the three agree on what "solved" means:
 * the symptom's walk goes there and back, and every walk the chapter teaches on its example still does.
 */
import type { Operation } from 'fast-json-patch';
import type { TraceRequest } from './core-types';
import {
  applySolution,
  parseSolution,
  requestFromProps,
  type CheckClaim,
  type ComponentUsage,
  type PacketProps,
} from './exercise-spec';
import { judgeLab, ROUND_TRIP, walkName, type GuardedWalk } from './lab-verdict';

export { judgeLab, otherWalks, ROUND_TRIP, walkName, type GuardedWalk, type LabVerdict } from './lab-verdict';

/** The string props a FaultLab takes in MDX. */
export interface FaultLabProps extends PacketProps {
  id: string;
  example: string;
  title: string;
  /** What the reader sees, in an operator's words ("VM3 cannot reach 8.8.8.8"). */
  symptom: string;
  /** JSON Patch that breaks the chapter's example. */
  break: string;
  /** JSON array of hints, revealed one at a time. */
  hints: string;
  /** The fault, in one sentence: what "Show the fault" says. */
  fault: string;
  /** JSON Patch that fixes the broken scenario (one model fix; any fix that passes the checks counts). */
  fix: string;
}

/** A lab after reading its props. */
export interface FaultLabSpec {
  id: string;
  example: string;
  title: string;
  symptom: string;
  /** The symptom's walk, which the broken scenario fails and a fix must deliver there and back. */
  request: TraceRequest;
  breakOps: Operation[];
  hints: string[];
  fault: string;
  fixOps: Operation[];
}

/** Reads a FaultLab's props; throws a sentence naming the bad prop. */
export function faultLabFromProps(props: FaultLabProps): FaultLabSpec {
  const id = String(props.id ?? '').trim();
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id))
    throw new Error(`id "${id}" must be lower-case letters, digits and dashes (e.g. ch5-lab-snat)`);
  const fail = (message: string): never => {
    throw new Error(`lab ${id}: ${message}`);
  };
  if (!props.example) fail('needs example="<example id>"');
  for (const key of ['title', 'symptom', 'fault'] as const)
    if (!String(props[key] ?? '').trim()) fail(`needs a ${key}`);
  let request: TraceRequest = { from: '', to: '' };
  try {
    request = requestFromProps(props);
  } catch (error) {
    fail((error as Error).message);
  }
  const patch = (name: 'break' | 'fix'): Operation[] => {
    if (props[name] === undefined) fail(`needs ${name}='[...]' (a JSON Patch)`);
    try {
      return parseSolution(String(props[name]));
    } catch (error) {
      return fail(`${name}: ${(error as Error).message.replace(/^solution/, name)}`);
    }
  };
  let hints: unknown;
  try {
    hints = JSON.parse(String(props.hints ?? ''));
  } catch {
    fail(`hints must be a JSON array of sentences: hints='["first", "second"]'`);
  }
  if (!Array.isArray(hints) || hints.length === 0 || !hints.every((h) => typeof h === 'string' && h.trim()))
    fail('hints must be a non-empty JSON array of sentences');
  return {
    id,
    example: props.example,
    title: String(props.title).trim(),
    symptom: String(props.symptom).trim(),
    request,
    breakOps: patch('break'),
    hints: (hints as string[]).map((h) => h.trim()),
    fault: String(props.fault).trim(),
    fixOps: patch('fix'),
  };
}

const sameRequest = (a: TraceRequest, b: TraceRequest) =>
  a.from === b.from && a.to === b.to && (a.proto ?? 'icmp') === (b.proto ?? 'icmp') && a.dport === b.dport;

/**
 * The walks a lab guards: the example's own walks and every packet the chapter's claims and exercises trace on that
 * example, each with what it met there (delivered, and its reply delivered). Walks that did not arrive on the
 * example (a claim about a drop) guard nothing.
 */
export function guardedWalks(
  check: CheckClaim,
  exampleText: string,
  example: string,
  exampleWalks: readonly TraceRequest[],
  usages: readonly ComponentUsage[],
  /** The lab's own walk, which the symptom check covers. */
  symptom?: TraceRequest,
): GuardedWalk[] {
  const requests: TraceRequest[] = [...exampleWalks];
  for (const u of usages) {
    if ((u.component !== 'Claim' && u.component !== 'Exercise') || u.props.example !== example) continue;
    try {
      requests.push(requestFromProps(u.props as unknown as PacketProps));
    } catch {
      // A usage with a bad packet fails its own test and build; it guards nothing here.
    }
  }
  const unique = requests.filter(
    (r, i) => requests.findIndex((o) => sameRequest(o, r)) === i && !(symptom && sameRequest(r, symptom)),
  );
  return unique.flatMap((request) => {
    const expect = ROUND_TRIP.filter((e) => check(exampleText, { request, expect: [e] }).ok);
    return expect.includes('delivered') ? [{ request, expect }] : [];
  });
}

/** What the build and the tests check of a lab; empty problems when it is sound. */
export interface FaultLabCheck {
  problems: string[];
  brokenText: string | null;
  fixedText: string | null;
}

/**
 * Checks a lab against its chapter's example: the example must deliver the symptom's walk (so the break is what
 * breaks it), the broken scenario must be valid and fail it, and the model fix must solve the lab.
 */
export function checkFaultLab(
  check: CheckClaim,
  scenario: unknown,
  spec: FaultLabSpec,
  toText: (scenario: unknown) => string,
  guarded: readonly GuardedWalk[],
): FaultLabCheck {
  const problems: string[] = [];
  const healthy = check(toText(scenario), { request: spec.request, expect: ROUND_TRIP });
  if (!healthy.ok)
    problems.push(
      `the example "${spec.example}" itself fails the symptom's walk ${walkName(spec.request)} (${healthy.failures.join('; ')}), so the break is not what breaks it`,
    );
  let brokenText: string | null = null;
  let fixedText: string | null = null;
  try {
    const broken = applySolution(scenario, spec.breakOps);
    brokenText = toText(broken);
    const verdict = check(brokenText, { request: spec.request, expect: ROUND_TRIP });
    if (verdict.errors.length)
      problems.push(
        `the broken scenario is invalid (${verdict.errors.map((e) => `${e.path} ${e.message}`).join('; ')}): a lab's fault must be one the simulator models`,
      );
    else if (verdict.ok)
      problems.push(`the break does not break: ${walkName(spec.request)} still works there and back`);
    try {
      fixedText = toText(applySolution(broken, spec.fixOps));
      const fixed = judgeLab(check, fixedText, spec, guarded);
      if (!fixed.solved) problems.push(`the fix does not fix: ${fixed.message}`);
    } catch (error) {
      problems.push(`fix: ${(error as Error).message.replace(/^solution/, 'the fix')}`);
    }
  } catch (error) {
    problems.push(`break: ${(error as Error).message.replace(/^solution/, 'the break')}`);
  }
  return { problems, brokenText, fixedText };
}
