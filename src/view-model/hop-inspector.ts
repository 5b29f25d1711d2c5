import type { Hop, PacketHeaders, Trace } from './core-types';
import { allHops, HEADER_FIELDS, HEADER_LABELS, type HeaderField } from './trace-rows';

/** What the hop inspector shows for one hop: plain strings, so the build and the browser render the same thing. */
export interface HopInspection {
  /** Index over forward then reply hops, as the table and the diagram count. */
  index: number;
  /** "Hop 19 of 42" or "Reply hop 4 of 42". */
  position: string;
  reply: boolean;
  /** The host, or "off the hosts" for the tunnel and the internet. */
  host: string;
  /** The namespace, bridge or VM in full (uuids included). */
  where: string;
  device: string;
  stage: string;
  /** The rule, flow, route or neighbour entry that decided, in full; null when none did (a send, a delivery). */
  rule: string | null;
  /** The headers after the hop, with what it changed marked and the value before it. */
  headers: InspectedHeader[];
  /** One line per changed field: "ip src 192.168.200.6 → 10.100.100.162 (SNAT)". */
  changes: string[];
  /** One sentence of why: the tracer's note. */
  why: string;
  /** The command that shows this state on a real host, with the host to run it on; null off the hosts. */
  command: { host: string; line: string } | null;
}

/** One header field in the inspector: its value after the hop and, when the hop changed it, the value before. */
export interface InspectedHeader {
  field: HeaderField;
  label: string;
  value: string;
  before: string | null;
  changed: boolean;
  /** Why an address changed, in a word (SNAT, DNAT, conntrack), when the rule says it; null otherwise. */
  reason: string | null;
}

/**
 * The command that shows this hop's deciding state on a real host (`ip netns exec qrouter-… ip rule`,
 * `ovs-ofctl dump-flows br-tun table=1`, …), or null where none does (a VM sending, the tunnel, the internet):
 * the simulator's own `hop.stage.command`, so the inspector, troubleshooting and the kernel check agree.
 */
export function hopCommand(hop: Pick<Hop, 'stage'>): string | null {
  return hop.stage.command;
}

/** Why a field changed, in a word, when the rule says it (SNAT, DNAT, conntrack's reversal); null otherwise. */
function changeReason(hop: Hop): string | null {
  if (hop.stage.name === 'conntrack') return 'conntrack reverses the NAT';
  if (/-j SNAT\b/.test(hop.rule ?? '')) return 'SNAT';
  if (/-j DNAT\b/.test(hop.rule ?? '')) return 'DNAT';
  return null;
}

/** The inspector's view of hop `index` (forward then reply) of a trace; null when there is no such hop. */
export function inspectHop(trace: Trace, index: number): HopInspection | null {
  const hops = allHops(trace);
  const hop = hops[index];
  if (!hop) return null;
  const reply = index >= trace.hops.length;
  // The first hop of each walk has no "before": the packet is new there.
  const first = index === 0 || index === trace.hops.length;
  const before: PacketHeaders | null = first ? null : (hops[index - 1]?.packet ?? null);
  const changed = new Set(hop.changed);
  const reason = changeReason(hop);
  const headers: InspectedHeader[] = [];
  for (const field of HEADER_FIELDS) {
    const after = hop.packet[field];
    const was = before?.[field];
    if ((after === undefined || after === null) && !changed.has(field)) continue;
    headers.push({
      field,
      label: HEADER_LABELS[field],
      value: after === undefined || after === null ? '(removed)' : String(after),
      before: changed.has(field) ? (was === undefined || was === null ? '(none)' : String(was)) : null,
      changed: changed.has(field),
      reason: changed.has(field) && (field === 'ipSrc' || field === 'ipDst') ? reason : null,
    });
  }
  const changes = headers
    .filter((h) => h.changed)
    .map((h) => `${h.label} ${h.before ?? '(none)'} → ${h.value}${h.reason ? ` (${h.reason})` : ''}`);
  const line = hopCommand(hop);
  return {
    index,
    position: reply
      ? `Reply hop ${hop.step} (${index + 1} of ${hops.length})`
      : `Hop ${hop.step} of ${trace.hops.length}`,
    reply,
    host: hop.host ?? 'between the hosts',
    where: hop.where,
    device: hop.device ?? '—',
    stage: hop.stage.name,
    rule: hop.rule?.trim() ? hop.rule.trim() : null,
    headers,
    changes,
    why: sentence(hop.note),
    command: line && hop.host ? { host: hop.host, line } : null,
  };
}

/** The tracer's note as a sentence: capitalised, ending with a full stop. */
function sentence(note: string): string {
  const text = note.trim();
  if (!text) return '';
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** The one-line summary beside the diagram: where the packet is, its addresses now, and what this hop changed. */
export function packetLine(inspection: HopInspection | null): string {
  if (!inspection) return '';
  const ip = (label: string) => inspection.headers.find((h) => h.label === label)?.value ?? '?';
  const now = `${ip('ip src')} → ${ip('ip dst')}`;
  return inspection.changes.length ? `${now} · changed here: ${inspection.changes.join('; ')}` : `${now} · unchanged`;
}
