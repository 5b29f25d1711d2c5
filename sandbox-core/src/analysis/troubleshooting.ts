import type { Model } from '../model/model.js';
import { ROOT_PLACE, renderView } from '../views/render-views.js';
import type { Hop, Trace } from '../trace/trace-types.js';

/** A command to run on a node while following a packet, and what it should show. */
export interface TroubleshootingStep {
  host: string;
  /** The whole command line, as typed on the node. */
  command: string;
  /** The line of its output that matters for this packet. */
  expect: string;
  /** The full output the simulator predicts. */
  output: string;
  why: string;
}

/** The `show` view that holds a namespace stage's state (the hop's command names the table it looks at). */
const VIEW_OF_STAGE: ReadonlyMap<string, string> = new Map([
  ['ip rule', 'ip rule'],
  ['ip route', 'ip route show table all'],
  ['ip neigh', 'ip neigh'],
  ['iptables nat PREROUTING', 'iptables -t nat -S'],
  ['iptables nat POSTROUTING', 'iptables -t nat -S'],
]);

function stepFor(model: Model, hop: Hop): TroubleshootingStep | null {
  if (!hop.host || !hop.rule || hop.stage.command === null) return null;
  const where = hop.where;
  const view = (cmd: string) => renderView(model, hop.host!, where, cmd) ?? '';
  if (hop.stage.name.startsWith('table ')) {
    const table = hop.stage.table;
    // Each line's own table field, not a learn() action that names a table inside it.
    const output = view(`ovs-ofctl dump-flows ${where}`)
      .split('\n')
      .filter((l) => l.startsWith(` cookie=0x0, table=${table},`))
      .join('\n');
    return { host: hop.host, command: hop.stage.command, expect: hop.rule, output, why: hop.note };
  }
  // A VM's qbr: the security group chains live in the host's root namespace, outside any netns.
  if (hop.stage.name === 'security group')
    return {
      host: hop.host,
      command: hop.stage.command,
      expect: hop.rule,
      output: renderView(model, hop.host, ROOT_PLACE, hop.stage.command) ?? '',
      why: hop.note,
    };
  // Conntrack hops are left out: the simulator keeps no conntrack table to print, and the NAT rule's own step covers them.
  const cmd = VIEW_OF_STAGE.get(hop.stage.name);
  if (!cmd) return null;
  return {
    host: hop.host,
    command: `ip netns exec ${where} ${cmd}`,
    expect: hop.rule,
    output: view(cmd),
    why: hop.note,
  };
}

/** The commands to run, node by node, to follow a packet through the real system, with the output to expect. */
export function troubleshootingSteps(model: Model, trace: Trace): TroubleshootingStep[] {
  const steps: TroubleshootingStep[] = [];
  const seen = new Set<string>();
  for (const hop of [...trace.hops, ...(trace.reply?.hops ?? [])]) {
    const step = stepFor(model, hop);
    if (!step) continue;
    const key = `${step.host}|${step.command}|${step.expect}`;
    if (seen.has(key)) continue;
    seen.add(key);
    steps.push(step);
  }
  return steps;
}
