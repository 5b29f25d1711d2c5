/**
 * The judge of a fault-finding lab, apart from the lab's props and patches so the browser's island loads nothing
 * but this (the simulator comes on demand): a scenario solves the lab when the symptom's walk goes there and back
 * and every walk the chapter teaches still meets what it met on the example.
 */
import type { TraceRequest } from './core-types';
import type { CheckClaim } from './exercise-spec';

/** A walk the lab guards: a packet and the expectations it met on the chapter's example. */
export interface GuardedWalk {
  request: TraceRequest;
  expect: string[];
}

/** What a fix must achieve for the symptom's walk: delivered, and its answer delivered back. */
export const ROUND_TRIP = ['delivered', 'reply delivered'];

/** The verdict on a scenario: whether the lab is solved, and a sentence for the reader. */
export interface LabVerdict {
  solved: boolean;
  message: string;
}

/** Names a packet as the reader reads it. */
export function walkName(request: TraceRequest): string {
  const proto =
    request.proto && request.proto !== 'icmp' ? ` (${request.proto}${request.dport ? ` ${request.dport}` : ''})` : '';
  return `${request.from} → ${request.to}${proto}`;
}

/**
 * Judges a scenario: solved when the symptom's walk goes there and back and every guarded walk still meets what it
 * met on the example. The message says what still fails, in the simulator's words.
 */
export function judgeLab(
  check: CheckClaim,
  text: string,
  spec: { request: TraceRequest },
  guarded: readonly GuardedWalk[],
): LabVerdict {
  const symptom = check(text, { request: spec.request, expect: ROUND_TRIP });
  if (symptom.errors.length)
    return { solved: false, message: 'The scenario in the sandbox has problems; fix them to check the lab.' };
  if (!symptom.ok)
    return {
      solved: false,
      // The status names what fails, not why: finding the why in the trace and the host views is the lab.
      message: `The symptom is still there: ${walkName(spec.request)} does not ${symptom.failures.length > 1 || !symptom.failures[0]?.startsWith('there is no reply') ? 'arrive' : 'get its answer back'}.`,
    };
  for (const walk of guarded) {
    const result = check(text, walk);
    if (!result.ok)
      return {
        solved: false,
        message: `${walkName(spec.request)} works now, but ${walkName(walk.request)} broke: trace it to see where.`,
      };
  }
  return {
    solved: true,
    message: `${walkName(spec.request)} works there and back${otherWalks(guarded.length)}.`,
  };
}

/** The chapter's other walks in a sentence ("the chapter’s 3 other walks still work"); empty when there are none. */
export function otherWalks(count: number, also = ''): string {
  if (count === 0) return '';
  const what = count === 1 ? 'the chapter’s other walk still works' : `the chapter’s ${count} other walks still work`;
  return `, and ${what}${also}`;
}
