import { formatIpv4 } from '../addr/ipv4.js';
import { parseJson } from '../scenario/parse-json.js';
import { buildModel, type Model } from '../model/model.js';
import { loadScenario } from '../scenario/resolve-scenario.js';
import type { ScenarioError } from '../scenario/scenario-types.js';
import { tracePacket } from '../trace/trace-packet.js';
import type { Hop, Trace, TraceRequest } from '../trace/trace-types.js';

/** What one walk costs under one router mode: the numbers chapter 6 compares. */
export interface WalkCost {
  verdict: 'delivered' | 'dropped';
  /** Routers crossed, forward and reply: what a network engineer calls L3 hops (see routersCrossed). */
  routers: number;
  /** The simulator's steps (one per table, rule or device the packet meets), forward and reply. */
  steps: number;
  /** Tunnel crossings, forward and reply. */
  tunnels: number;
  /** Steps on the network nodes (dvr_snat or legacy hosts), forward and reply. */
  networkNodeSteps: number;
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

/**
 * Routers a walk crosses: its `ip route` lookups, which the tracer makes once in each qrouter, snat or fip namespace
 * it enters (the namespace routes the packet and lowers its TTL), so DVR's SNAT walk crosses qrouter then snat, a
 * legacy one qrouter alone.
 */
export function routersCrossed(hops: readonly Hop[]): number {
  return hops.filter((hop) => hop.stage.name === 'ip route').length;
}

function cost(trace: Trace, networkNodes: Set<string>): WalkCost {
  const hops = [...trace.hops, ...(trace.reply?.hops ?? [])];
  return {
    verdict: trace.verdict,
    routers: routersCrossed(trace.hops) + routersCrossed(trace.reply?.hops ?? []),
    steps: hops.length,
    tunnels: hops.filter((h) => h.where === 'tunnel').length,
    networkNodeSteps: hops.filter((h) => h.host !== null && networkNodes.has(h.host)).length,
    hosts: [...new Set(hops.map((h) => h.host).filter((h): h is string => h !== null))],
  };
}

/**
 * Runs a traffic mix on the scenario as written (its routers distributed) and on the
 * same scenario with every router made legacy, so a reader sees what DVR changes. Each mode's scenario is read
 * and modelled once, whatever the mix. `written` is the model of `text` itself, when the caller has one (a
 * sandbox's last run): when its routers are all distributed already it is the DVR side, so only the legacy side
 * is modelled here.
 */
export function compareModes(
  text: string,
  mix: { request: TraceRequest; weight?: number }[],
  written?: Model,
): { rows: ModeComparison[]; errors: ScenarioError[] } {
  const { value, errors } = parseJson(text);
  if (errors.length || !value || typeof value !== 'object') return { rows: [], errors };
  const scenario = value as {
    hosts?: { name: string; agentMode: string }[];
    routers?: { distributed?: boolean }[];
    vms?: { name?: unknown; floatingIp?: unknown }[];
  };
  const withRouters = (distributed: boolean, vms = scenario.vms) =>
    JSON.stringify({ ...scenario, routers: (scenario.routers ?? []).map((r) => ({ ...r, distributed })), vms });
  const allErrors: ScenarioError[] = [];
  const modelOf = (modeText: string): Model | null => {
    const loaded = loadScenario(modeText);
    allErrors.push(...loaded.errors);
    return loaded.scenario ? buildModel(loaded.scenario) : null;
  };
  // The written scenario is the DVR side when all its routers are distributed already.
  const writtenIsDvr = written !== undefined && written.scenario.routers.every((r) => r.distributed);
  // Floating IPs keep their addresses across the change of mode (a floating IP is allocated once, at
  // floatingip-create): pin the ones given as `true` to what the DVR scenario allocated, since a legacy
  // router asks for no fg- ports and would otherwise hand out other addresses. Pinned to the addresses the
  // allocator chose anyway, the DVR scenario models the same.
  const resolved = writtenIsDvr ? written.scenario : loadScenario(withRouters(true)).scenario;
  const fipOf = new Map(resolved?.vms.map((v) => [v.name, v.floatingIp]) ?? []);
  const pinned = scenario.vms?.map((v) => {
    const fip = typeof v?.name === 'string' ? fipOf.get(v.name) : undefined;
    return v?.floatingIp === true && typeof fip === 'number' ? { ...v, floatingIp: formatIpv4(fip) } : v;
  });
  const dvr = writtenIsDvr ? written : modelOf(withRouters(true, pinned));
  const legacy = modelOf(withRouters(false, pinned));
  const networkNodes = new Set((scenario.hosts ?? []).filter((h) => h.agentMode !== 'dvr').map((h) => h.name));
  const walk = (model: Model | null, request: TraceRequest): WalkCost | null => {
    if (!model) return null;
    const traced = tracePacket(model, request);
    allErrors.push(...traced.errors);
    return traced.trace ? cost(traced.trace, networkNodes) : null;
  };
  const rows = mix.map(({ request, weight }) => ({
    request,
    weight: weight ?? 1,
    dvr: walk(dvr, request),
    legacy: walk(legacy, request),
  }));
  return { rows, errors: allErrors };
}
