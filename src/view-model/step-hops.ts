/**
 * Prose steps bound to hops: a chapter's `<Step example="…" at="host/where" stage="…">` names the hops of its
 * example's trace that the step explains, by description rather than by number, so a simulator change that moves
 * or removes them fails the build (Step.astro) and the content test instead of silently unbinding the step.
 */
import type { Trace } from './core-types';

/**
 * What a Step selects: hops at a place (`host/where`, e.g. `compute1/qrouter`, where a namespace is named without
 * its router id), of a stage (e.g. `iptables nat POSTROUTING`), or both; in the request's walk unless `reply`.
 */
export interface StepSelector {
  at?: string;
  stage?: string;
  direction?: 'request' | 'reply';
}

type Hop = Trace['hops'][number];

/** A hop's place as a chapter names it: `host/where`, a namespace without its router id (`qrouter-<id>` → `qrouter`). */
function place(hop: Hop): string {
  return `${hop.host ?? ''}/${hop.where.replace(/^(qrouter|snat|fip)-.*$/, '$1')}`;
}

/**
 * The indexes (forward then reply, as the lab's current hop counts them) of the hops a Step selects.
 * Throws a sentence naming what the trace has instead when nothing matches, or when the selector is empty.
 */
export function stepHops(trace: Trace, selector: StepSelector): number[] {
  const at = selector.at?.trim() || undefined;
  const stage = selector.stage?.trim() || undefined;
  if (!at && !stage) throw new Error('a Step needs at="host/where" or stage="…" (or both) to name its hops');
  const reply = selector.direction === 'reply';
  const hops = reply ? (trace.reply?.hops ?? []) : trace.hops;
  const offset = reply ? trace.hops.length : 0;
  const found = hops.flatMap((hop, index) =>
    (!at || place(hop) === at) && (!stage || hop.stage.name === stage) ? [offset + index] : [],
  );
  if (found.length === 0) {
    const wanted = [at && `at "${at}"`, stage && `stage "${stage}"`].filter(Boolean).join(' and ');
    const there = at ? hops.filter((hop) => place(hop) === at) : [];
    const seen =
      there.length > 0
        ? `the stages there are ${[...new Set(there.map((hop) => hop.stage.name))].join(', ')}`
        : `the walk visits ${[...new Set(hops.map(place))].join(', ')}`;
    throw new Error(`no hop of the ${reply ? 'reply' : 'request'} is ${wanted}; ${seen}`);
  }
  return found;
}
