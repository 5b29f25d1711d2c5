import { parseJson } from '../scenario/parse-json.js';
import { simulate } from '../simulate.js';
import type { ScenarioError } from '../scenario/scenario-types.js';
import type { Trace, TraceRequest } from '../trace/trace-types.js';

/** What one walk costs under one router mode: the numbers chapter 6 compares. */
export interface WalkCost {
  verdict: 'delivered' | 'dropped';
  /** Hops of the forward walk and its reply. */
  hops: number;
  /** Tunnel crossings, forward and reply. */
  tunnels: number;
  /** Hops on the network nodes (dvr_snat or legacy hosts), forward and reply. */
  networkNodeHops: number;
  /** Hosts the walk and its reply touch. */
  hosts: string[];
}

/** One walk of a traffic mix, priced under DVR and under a legacy router. */
export interface ModeComparison {
  request: TraceRequest;
  weight: number;
  dvr: WalkCost | null;
  legacy: WalkCost | null;
}

function cost(trace: Trace, networkNodes: Set<string>): WalkCost {
  const hops = [...trace.hops, ...(trace.reply?.hops ?? [])];
  return {
    verdict: trace.verdict,
    hops: hops.length,
    tunnels: hops.filter((h) => h.where === 'tunnel').length,
    networkNodeHops: hops.filter((h) => h.host !== null && networkNodes.has(h.host)).length,
    hosts: [...new Set(hops.map((h) => h.host).filter((h): h is string => h !== null))],
  };
}

/**
 * Runs a traffic mix on the scenario as written (its routers distributed) and on the
 * same scenario with every router made legacy, so a reader sees what DVR changes.
 */
export function compareModes(
  text: string,
  mix: { request: TraceRequest; weight?: number }[],
): { rows: ModeComparison[]; errors: ScenarioError[] } {
  const { value, errors } = parseJson(text);
  if (errors.length || !value || typeof value !== 'object') return { rows: [], errors };
  const scenario = value as { hosts?: { name: string; agentMode: string }[]; routers?: { distributed?: boolean }[] };
  const dvrText = JSON.stringify({
    ...scenario,
    routers: (scenario.routers ?? []).map((r) => ({ ...r, distributed: true })),
  });
  const legacyText = JSON.stringify({
    ...scenario,
    routers: (scenario.routers ?? []).map((r) => ({ ...r, distributed: false })),
  });
  const networkNodes = new Set((scenario.hosts ?? []).filter((h) => h.agentMode !== 'dvr').map((h) => h.name));
  const rows: ModeComparison[] = [];
  const allErrors: ScenarioError[] = [];
  for (const { request, weight } of mix) {
    const d = simulate(dvrText, request);
    const l = simulate(legacyText, request);
    allErrors.push(...d.errors, ...l.errors);
    rows.push({
      request,
      weight: weight ?? 1,
      dvr: d.trace ? cost(d.trace, networkNodes) : null,
      legacy: l.trace ? cost(l.trace, networkNodes) : null,
    });
  }
  return { rows, errors: allErrors };
}
