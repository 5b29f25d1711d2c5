import { simulate } from '../simulate.js';
import type { ScenarioError } from '../scenario/scenario-types.js';
import type { Hop, Trace, TraceRequest } from '../trace/trace-types.js';

/**
 * A statement about a walk, written so a machine can check it: chapters state their
 * claims and exercises their goals in this small language, so prose, exercises and
 * the simulator can never drift apart.
 *
 * One expectation per string:
 *   delivered | dropped                       the forward verdict
 *   visits <place> | avoids <place>           some hop / no hop is at the place
 *   reply visits <place> | reply avoids <place> | reply delivered
 *   source <ip> | reply source <ip>           the source address at the walk's last hop
 *   exits <host>                              the last host before the internet
 *   tunnels <n>                               how many tunnel crossings forward
 *   rule <text>                               some forward hop's rule contains the text
 *   reason <text>                             the drop reason contains the text
 *   invalid <text>                            the scenario is refused with an error containing the text
 * A place is a host ("network"), a host and a namespace/bridge prefix ("compute1/qrouter"),
 * or a namespace/bridge prefix alone ("snat", "fip", "tunnel", "internet").
 */
export type Expectation = string;

/** One claim: a packet to trace and what must hold. */
export interface Claim {
  request: TraceRequest;
  expect: Expectation[];
}

/** The outcome of checking a claim: which expectations failed and why. */
export interface ClaimResult {
  ok: boolean;
  failures: string[];
  errors: ScenarioError[];
}

function atPlace(hop: Hop, place: string): boolean {
  const [a, b] = place.split('/', 2) as [string, string | undefined];
  if (b !== undefined) return hop.host === a && hop.where.startsWith(b);
  return hop.host === a || hop.where.startsWith(a) || hop.where === a;
}

function lastHop(trace: Trace | null): Hop | undefined {
  return trace?.hops[trace.hops.length - 1];
}

/** Checks one expectation against a trace; returns null when it holds, else a sentence saying what was seen. */
export function checkExpectation(
  trace: Trace | null,
  errors: ScenarioError[],
  expectation: Expectation,
): string | null {
  const text = expectation.trim();
  const m = /^(reply\s+)?(\S+)(?:\s+(.*))?$/.exec(text);
  if (!m) return `cannot read expectation "${expectation}"`;
  const reply = Boolean(m[1]);
  const verb = m[2]!;
  const arg = (m[3] ?? '').trim();
  if (verb === 'invalid') {
    return errors.some((e) => e.message.includes(arg))
      ? null
      : `expected the scenario to be refused with "${arg}", got ${errors.length ? errors.map((e) => `"${e.message}"`).join('; ') : 'no error'}`;
  }
  if (errors.length)
    return `the scenario or request has errors: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`;
  const t = reply ? (trace?.reply ?? null) : trace;
  if (!t) return reply ? 'there is no reply (the forward packet was not delivered)' : 'no trace';
  switch (verb) {
    case 'delivered':
    case 'dropped':
      return t.verdict === verb ? null : `expected ${verb}, got ${t.verdict}${t.reason ? ` (${t.reason})` : ''}`;
    case 'visits':
      return t.hops.some((h) => atPlace(h, arg)) ? null : `no hop is at ${arg}`;
    case 'avoids': {
      const hit = t.hops.find((h) => atPlace(h, arg));
      return hit ? `hop ${hit.step} is at ${hit.host ? `${hit.host} ` : ''}${hit.where}` : null;
    }
    case 'source': {
      const last = lastHop(t);
      return last?.packet.ipSrc === arg
        ? null
        : `the last hop has source ${last?.packet.ipSrc ?? '(none)'}, not ${arg}`;
    }
    case 'exits': {
      const i = t.hops.findIndex((h) => h.where === 'internet');
      const before = t.hops
        .slice(0, i < 0 ? t.hops.length : i)
        .reverse()
        .find((h) => h.host !== null);
      return i >= 0 && before?.host === arg
        ? null
        : `the packet ${i < 0 ? 'never reaches the external network' : `leaves from ${before?.host ?? 'nowhere'}`}, not ${arg}`;
    }
    case 'tunnels': {
      const n = t.hops.filter((h) => h.where === 'tunnel').length;
      return String(n) === arg ? null : `${n} tunnel crossing${n === 1 ? '' : 's'}, not ${arg}`;
    }
    case 'rule':
      return t.hops.some((h) => h.rule?.includes(arg)) ? null : `no hop's rule contains "${arg}"`;
    case 'reason':
      return t.reason?.includes(arg)
        ? null
        : `the reason is ${t.reason ? `"${t.reason}"` : 'empty'}, which does not contain "${arg}"`;
    default:
      return `unknown expectation "${verb}"`;
  }
}

/** Checks a claim against scenario text: runs the simulator and every expectation; never throws. */
export function checkClaim(scenarioText: string, claim: Claim): ClaimResult {
  const { trace, errors } = simulate(scenarioText, claim.request);
  const failures = claim.expect.map((e) => checkExpectation(trace, errors, e)).filter((f): f is string => f !== null);
  return { ok: failures.length === 0, failures, errors };
}
