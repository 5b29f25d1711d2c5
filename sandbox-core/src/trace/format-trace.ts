import type { Hop, PacketHeaders, Trace } from './trace-types.js';

/** How much of a trace to print: every hop, one line per hop, or only header changes and deliveries. */
export type TraceFormat = 'detailed' | 'summary' | 'minimal';

function headers(p: PacketHeaders): string {
  const tags = [
    p.vlan !== undefined ? `vlan ${p.vlan}` : null,
    p.tunnelId !== undefined ? `tun_id ${p.tunnelId}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `${p.ethSrc} > ${p.ethDst}, ${p.ipSrc} > ${p.ipDst} ${p.proto}${tags ? ` (${tags})` : ''}`;
}

function place(h: Hop): string {
  const at = h.host ? `${h.host} ${h.where}` : h.where;
  return h.device ? `${at} [${h.device}]` : at;
}

function changes(h: Hop): string {
  return h.changed.map((k) => `${k}=${h.packet[k] ?? '(none)'}`).join(' ');
}

function formatOne(trace: Trace, format: TraceFormat, title: string): string[] {
  const lines = [`${title}`];
  for (const h of trace.hops) {
    if (format === 'detailed') {
      lines.push(`${String(h.step).padStart(2)}. ${place(h)} ${h.stage.name}`);
      if (h.rule) for (const r of h.rule.split('\n')) lines.push(`      rule: ${r}`);
      lines.push(`      pkt:  ${headers(h.packet)}`);
      if (h.changed.length) lines.push(`      set:  ${changes(h)}`);
      lines.push(`      ${h.note}`);
    } else if (format === 'summary') {
      lines.push(`${String(h.step).padStart(2)}. ${place(h)} ${h.stage.name}: ${h.note}`);
    } else if (h.changed.length || h.stage.name === 'deliver' || h.step === 1) {
      lines.push(
        `${String(h.step).padStart(2)}. ${place(h)}${h.changed.length ? `: ${changes(h)}` : h.stage.name === 'deliver' ? ': delivered' : `: ${headers(h.packet)}`}`,
      );
    }
  }
  lines.push(trace.verdict === 'delivered' ? '=> delivered' : `=> dropped: ${trace.reason}`);
  return lines;
}

/** A trace as text, in the spirit of ovn-trace: the forward walk, then the reply's. */
export function formatTrace(trace: Trace, format: TraceFormat = 'detailed'): string {
  const lines = formatOne(trace, format, '# forward');
  if (trace.reply) lines.push('', ...formatOne(trace.reply, format, '# reply'));
  return lines.join('\n') + '\n';
}
