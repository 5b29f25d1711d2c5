import type { Hop, Trace, TraceDetail } from './core-types';

/** The packet header fields a hop carries, in the order the table shows them. */
export const HEADER_FIELDS = ['ethSrc', 'ethDst', 'ipSrc', 'ipDst', 'proto', 'vlan', 'tunnelId'] as const;
/** One packet header field name. */
export type HeaderField = (typeof HEADER_FIELDS)[number];

/** Short labels for header fields, as the table prints them. */
export const HEADER_LABELS: Record<HeaderField, string> = {
  ethSrc: 'eth src',
  ethDst: 'eth dst',
  ipSrc: 'ip src',
  ipDst: 'ip dst',
  proto: 'proto',
  vlan: 'vlan',
  tunnelId: 'tunnel id',
};

/** The columns each detail level shows; every level keeps every hop, so a hop index means the same row at every level. */
export const TRACE_COLUMNS: Record<TraceDetail, readonly TraceColumn[]> = {
  detailed: ['step', 'host', 'where', 'device', 'stage', 'packet', 'rule', 'note'],
  summary: ['step', 'host', 'where', 'device', 'stage', 'packet', 'rule'],
  minimal: ['step', 'where', 'stage', 'packet'],
};

/** The columns that go under a hop's row, across the table's width, so a long rule or note wraps instead of widening it. */
export const UNDER_COLUMNS: readonly TraceColumn[] = ['rule', 'note'];

/** Splits a detail level's columns into the row's cells and the lines under the row. */
export function rowColumns(columns: readonly TraceColumn[]): { main: TraceColumn[]; under: TraceColumn[] } {
  return {
    main: columns.filter((c) => !UNDER_COLUMNS.includes(c)),
    under: columns.filter((c) => UNDER_COLUMNS.includes(c)),
  };
}

/** A column of the trace table. */
export type TraceColumn = 'step' | 'host' | 'where' | 'device' | 'stage' | 'rule' | 'packet' | 'note';

/** Column headings, worded for the reader. */
export const COLUMN_LABELS: Record<TraceColumn, string> = {
  step: 'Step',
  host: 'Host',
  where: 'Where',
  device: 'Device',
  stage: 'Stage',
  rule: 'Rule',
  packet: 'Packet headers',
  note: 'What happens',
};

/** One header field as a table cell shows it, flagged when this hop changed it. */
export interface HeaderCell {
  field: HeaderField;
  label: string;
  value: string;
  changed: boolean;
}

/** One row of the trace table, derived from a hop: plain strings, so the build and the browser render the same thing. */
export interface TraceRow {
  /** Index over forward then reply hops: the id the diagram and the table share for "the current hop". */
  index: number;
  step: string;
  host: string;
  /** The namespace or bridge, shortened as the diagram labels it (uuids cut to 8 characters); `whereFull` keeps the whole name. */
  where: string;
  whereFull: string;
  device: string;
  stage: string;
  rule: string;
  note: string;
  headers: HeaderCell[];
  /** The diagram box this hop is in. */
  boxId: string;
  /** Whether the hop is the reply's: its controls say so, since step numbers restart in the reply. */
  reply: boolean;
  /** The accessible name of the row's "show" button: "Show step 19 …" or "Show reply step 19 …". */
  showLabel: string;
}

/** A trace as tables: the forward rows, the reply rows (may be empty), and the verdict sentences. */
export interface TraceTables {
  forward: TraceRow[];
  reply: TraceRow[];
  verdict: string;
  replyVerdict: string | null;
}

/** The diagram box a hop happens in: `${host}/${where}`, or 'tunnel' / 'internet' off any host. */
export function hopBoxId(hop: Pick<Hop, 'host' | 'where'>): string {
  return hop.host ? `${hop.host}/${hop.where}` : hop.where;
}

/** The header cells a detail level shows: all fields when detailed, addresses and tags in summary, only changed fields when minimal. */
export function headerCells(hop: Hop, detail: TraceDetail): HeaderCell[] {
  const changed = new Set(hop.changed);
  const cells: HeaderCell[] = [];
  for (const field of HEADER_FIELDS) {
    const raw = hop.packet[field];
    if (raw === undefined || raw === null) continue;
    const isChanged = changed.has(field);
    if (detail === 'summary' && (field === 'ethSrc' || field === 'ethDst') && !isChanged) continue;
    if (detail === 'minimal' && !isChanged) continue;
    cells.push({ field, label: HEADER_LABELS[field], value: String(raw), changed: isChanged });
  }
  return cells;
}

/** Derives the table rows of a trace and its reply at one detail level. */
export function traceTables(trace: Trace, detail: TraceDetail): TraceTables {
  const forward = trace.hops.map((hop, i) => hopRow(hop, i, detail, false));
  const replyHops = trace.reply?.hops ?? [];
  const reply = replyHops.map((hop, i) => hopRow(hop, forward.length + i, detail, true));
  return {
    forward,
    reply,
    verdict: verdictSentence('The packet', trace),
    replyVerdict: trace.reply ? verdictSentence('The reply', trace.reply) : null,
  };
}

/** All hops of a trace in the order the player steps through them: forward, then reply. */
export function allHops(trace: Trace): Hop[] {
  return [...trace.hops, ...(trace.reply?.hops ?? [])];
}

function hopRow(hop: Hop, index: number, detail: TraceDetail, reply: boolean): TraceRow {
  const where = shortWhere(hop.where);
  return {
    index,
    step: String(hop.step),
    host: hop.host ?? '—',
    where,
    whereFull: hop.where,
    device: hop.device ?? '—',
    stage: hop.stage.name,
    rule: hop.rule ?? '—',
    note: hop.note,
    headers: headerCells(hop, detail),
    boxId: hopBoxId(hop),
    reply,
    showLabel: `Show ${reply ? 'reply step' : 'step'} ${hop.step} (${where}) in the diagram`,
  };
}

/** Cuts a namespace's router or network uuid to its first 8 characters (`qrouter-ba18115a…`), as the diagram labels it. */
export function shortWhere(where: string): string {
  const m = /^(qrouter|snat|fip|qdhcp)-([0-9a-f]{8})[0-9a-f-]{28}$/.exec(where);
  return m ? `${m[1]}-${m[2]}…` : where;
}

function verdictSentence(subject: string, trace: Trace): string {
  return trace.verdict === 'delivered'
    ? `${subject} is delivered.`
    : `${subject} is dropped${trace.reason ? `: ${trace.reason}` : '.'}`;
}
