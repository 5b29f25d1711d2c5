import type { ModeComparison, TraceRequest, WalkCost } from '@dvr-lab/sandbox-core';

/** A walk of the example as the comparison lists it: the example's `walks`. */
export interface CompareWalk {
  id: string;
  title: string;
  request: TraceRequest;
  /** The starting weight (how often, relatively, this packet happens); 1 when the example gives none. */
  weight?: number;
}

/** The numbers compared per walk, in column order. */
export type CompareMetric = 'routers' | 'tunnels' | 'hosts' | 'steps' | 'networkNodeSteps';

/** Column headings of the metrics, as the reader sees them. */
export const COMPARE_METRICS: readonly { key: CompareMetric; label: string }[] = [
  { key: 'routers', label: 'Routers crossed' },
  { key: 'tunnels', label: 'Tunnel crossings' },
  { key: 'hosts', label: 'Hosts touched' },
  { key: 'steps', label: 'Simulator steps' },
  { key: 'networkNodeSteps', label: 'Steps on the network node' },
];

/** The router modes side by side. */
export const COMPARE_MODES = ['dvr', 'legacy'] as const;
/** One of the two router modes. */
export type CompareMode = (typeof COMPARE_MODES)[number];

/** One mode's cost of a walk, ready to print; null when the walk could not be traced. */
export interface ModeCells {
  values: Record<CompareMetric, number>;
  hostNames: string[];
  dropped: boolean;
}

/** One row of the comparison: a walk, its weight and its cost under both modes. */
export interface CompareRow {
  id: string;
  title: string;
  /** The packet in words, e.g. "web1 → app2, tcp/8080". */
  packet: string;
  weight: number;
  dvr: ModeCells | null;
  legacy: ModeCells | null;
}

/** The whole comparison: rows, weighted totals and a sentence for the reader. */
export interface CompareTable {
  rows: CompareRow[];
  totals: Record<CompareMode, Record<CompareMetric, number>>;
  summary: string;
}

/** The packet of a walk in words, as the table's second line shows it. */
export function packetLabel(request: TraceRequest): string {
  const proto = request.proto ?? 'icmp';
  return `${request.from} → ${request.to}, ${proto}${request.dport !== undefined && proto !== 'icmp' ? `/${request.dport}` : ''}`;
}

/** Reads a weight typed by the reader: a finite number from 0 up; anything else is null (the input is then invalid). */
export function parseWeight(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function cells(cost: WalkCost | null): ModeCells | null {
  if (!cost) return null;
  return {
    values: {
      routers: cost.routers,
      tunnels: cost.tunnels,
      hosts: cost.hosts.length,
      steps: cost.steps,
      networkNodeSteps: cost.networkNodeSteps,
    },
    hostNames: [...cost.hosts],
    dropped: cost.verdict === 'dropped',
  };
}

function zero(): Record<CompareMetric, number> {
  return { routers: 0, tunnels: 0, hosts: 0, steps: 0, networkNodeSteps: 0 };
}

/** Rounds a weighted total for print: integers stay integers, fractions keep at most two decimals. */
export function formatTotal(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/**
 * Builds the comparison table from `compareModes`' rows and the reader's weights (same order as the walks):
 * per walk the four numbers under DVR and legacy, and the totals weighted by how often each walk happens.
 * A walk that could not be traced (its VM renamed, say) counts for nothing in the totals.
 */
export function compareTable(
  walks: readonly CompareWalk[],
  comparisons: readonly ModeComparison[],
  weights: readonly number[],
): CompareTable {
  const totals = { dvr: zero(), legacy: zero() };
  const rows = walks.map((walk, i): CompareRow => {
    const c = comparisons[i];
    const weight = weights[i] ?? c?.weight ?? 1;
    const row: CompareRow = {
      id: walk.id,
      title: walk.title,
      packet: packetLabel(walk.request),
      weight,
      dvr: cells(c?.dvr ?? null),
      legacy: cells(c?.legacy ?? null),
    };
    for (const mode of COMPARE_MODES) {
      const m = row[mode];
      if (!m) continue;
      for (const { key } of COMPARE_METRICS) totals[mode][key] += weight * m.values[key];
    }
    return row;
  });
  return { rows, totals, summary: compareSummary(totals) };
}

/** One sentence on what the mix costs the network node under each mode: the chapter's point in numbers. */
export function compareSummary(totals: Record<CompareMode, Record<CompareMetric, number>>): string {
  const d = totals.dvr;
  const l = totals.legacy;
  if (l.steps === 0 && d.steps === 0) return 'With every weight at 0, there is no traffic to compare.';
  const share = (t: Record<CompareMetric, number>) =>
    t.steps === 0 ? 0 : Math.round((100 * t.networkNodeSteps) / t.steps);
  return (
    `For this mix, the network node handles ${formatTotal(d.networkNodeSteps)} weighted steps under DVR (${share(d)} % of all steps) ` +
    `and ${formatTotal(l.networkNodeSteps)} under a legacy router (${share(l)} %); ` +
    `routers crossed: ${formatTotal(d.routers)} with DVR, ${formatTotal(l.routers)} with legacy; ` +
    `tunnel crossings: ${formatTotal(d.tunnels)} with DVR, ${formatTotal(l.tunnels)} with legacy.`
  );
}

/** The id of one number's cell, shared by the build-time table and the island that updates it. */
export function cellKey(row: number | 'total', mode: CompareMode, metric: CompareMetric): string {
  return `${row}-${mode}-${metric}`;
}

/** What a cell shows: the number, "—" when the walk could not be traced. */
export function cellText(m: ModeCells | null, metric: CompareMetric): string {
  return m ? String(m.values[metric]) : '—';
}
