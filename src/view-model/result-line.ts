import type { Trace, TraceRequest } from './core-types';

/** The parts of a hop the result line reads. */
type LineHop = Pick<Trace['hops'][number], 'step' | 'host' | 'where'> & { packet: { ipSrc: string } };

/** The parts of a trace the result line reads; a whole `Trace` is one, and `lineTrace` keeps only these. */
export interface LineTrace {
  verdict: Trace['verdict'];
  reason: string | null;
  hops: LineHop[];
  reply: { verdict: Trace['verdict'] } | null;
}

/** One run as the result line compares it: the packet asked for and the walk the simulator found. */
export interface LineRun {
  request: TraceRequest;
  trace: LineTrace;
}

/** A trace cut down to what the result line reads, small enough for the build to write into the page. */
export function lineTrace(trace: LineTrace): LineTrace {
  return {
    verdict: trace.verdict,
    reason: trace.reason,
    hops: trace.hops.map((h) => ({ step: h.step, host: h.host, where: h.where, packet: { ipSrc: h.packet.ipSrc } })),
    reply: trace.reply ? { verdict: trace.reply.verdict } : null,
  };
}

/** What a walk ends with, in the terms the line speaks of. */
interface Outcome {
  verdict: LineTrace['verdict'];
  /** The host the packet leaves for the external network from, or null when it stays inside the cloud. */
  exit: string | null;
  /** The host of the walk's last hop on a host (where a VM receives it). */
  arrives: string | null;
  /** The packet's source address at the walk's last hop. */
  source: string | null;
  hops: number;
  /** Where a dropped walk stopped: its last hop. */
  dropHop: LineHop | null;
  reason: string | null;
  reply: LineTrace['verdict'] | null;
}

function outcome(trace: LineTrace): Outcome {
  const hops = trace.hops;
  const last = hops[hops.length - 1] ?? null;
  const out = hops.findIndex((h) => h.where === 'internet');
  const exit =
    out < 0
      ? null
      : (hops
          .slice(0, out)
          .reverse()
          .find((h) => h.host !== null)?.host ?? null);
  const arrives = [...hops].reverse().find((h) => h.host !== null)?.host ?? null;
  return {
    verdict: trace.verdict,
    exit,
    arrives,
    source: last?.packet.ipSrc ?? null,
    hops: hops.length,
    dropHop: trace.verdict === 'dropped' ? last : null,
    reason: trace.reason,
    reply: trace.reply?.verdict ?? null,
  };
}

function hopPlace(hop: LineHop): string {
  return hop.host ? `${hop.host} ${shortWhere(hop.where)}` : shortWhere(hop.where);
}

/** A namespace's name without its router id: "qrouter-ba18…" reads as "qrouter-". */
function shortWhere(where: string): string {
  return where.replace(/^(qrouter|snat|fip|qdhcp)-.*$/, '$1-');
}

const was = (now: unknown, before: unknown, text: string) => (before !== undefined && now !== before ? text : '');

/**
 * The short sentence the sandbox puts by its form after every run: what happened to the packet and, when the
 * previous run traced the same packet, what changed ("… with source 10.100.100.170 (was 10.100.100.162)").
 * DOM-free so the build, the browser and the unit tests word it the same way.
 */
export function resultLine(run: LineRun, previous: LineRun | null): string {
  const now = outcome(run.trace);
  const same =
    previous !== null && JSON.stringify(previous.request) === JSON.stringify(run.request)
      ? outcome(previous.trace)
      : null;
  const walk = `${run.request.from} → ${run.request.to}`;
  const parts: string[] = [];
  if (now.verdict === 'dropped') {
    const at = now.dropHop ? ` at hop ${now.dropHop.step} (${hopPlace(now.dropHop)})` : '';
    parts.push(
      `Dropped${was(now.verdict, same?.verdict, ' (was delivered)')}. ${walk} stops${at}${now.reason ? `: ${now.reason}` : ''}.`,
    );
  } else {
    const where = now.exit
      ? `leaves ${now.exit}${was(now.exit, same?.exit ?? undefined, ` (was ${same?.exit})`)}`
      : `arrives on ${now.arrives ?? 'its host'}${was(now.arrives, same?.arrives ?? undefined, ` (was ${same?.arrives})`)}`;
    const source = now.source
      ? ` with source ${now.source}${was(now.source, same?.source ?? undefined, ` (was ${same?.source})`)}`
      : '';
    parts.push(`Delivered${was(now.verdict, same?.verdict, ' (was dropped)')}. ${walk} ${where}${source}.`);
  }
  if (same && now.hops !== same.hops) parts.push(`${now.hops} hops (was ${same.hops}).`);
  if (now.verdict === 'delivered' && now.reply === 'dropped') parts.push('The reply is dropped.');
  if (same && parts.length === 1 && !/\(was /.test(parts[0])) parts.push('Same verdict, exit and source as before.');
  return parts.join(' ');
}

/** The result line while the scenario cannot run: the page keeps the last valid walk, and says so. */
export function problemLine(count: number): string {
  return `Not run: the scenario has ${count === 1 ? 'a problem' : `${count} problems`} (listed below). The trace and diagram still show the last valid version.`;
}
