import { fail, ok, type CommandResult } from './console-types.js';

/** Every command form the console answers, with what it shows: the help text, the suggestions and the docs come from here. */
export const CONSOLE_COMMANDS: readonly { usage: string; what: string }[] = [
  { usage: 'ip netns', what: 'the namespaces the agents created on this host' },
  { usage: 'ip netns exec <ns> <command>', what: 'run an ip or iptables command inside a namespace' },
  { usage: 'ip addr', what: 'devices and addresses (inside a namespace)' },
  { usage: 'ip rule', what: 'policy routing rules (inside a namespace)' },
  { usage: 'ip route [show table N|main|local|all]', what: 'a routing table (inside a namespace)' },
  { usage: 'ip route get <ip> [from <ip>] [iif <dev>]', what: 'which rule and route the kernel picks' },
  { usage: 'ip neigh', what: 'the permanent ARP entries the L3 agent wrote' },
  { usage: 'iptables [-t filter|nat|raw] -S [chain]', what: 'iptables rules (root namespace or inside one)' },
  { usage: 'ovs-vsctl show', what: 'Open vSwitch bridges and ports' },
  { usage: 'ovs-vsctl list-br | list-ports <bridge>', what: 'bridge and port names' },
  { usage: 'ovs-ofctl show <bridge>', what: 'OpenFlow port numbers of a bridge' },
  { usage: 'ovs-ofctl dump-flows <bridge> [table=N]', what: 'the flow tables of a bridge' },
  { usage: 'ovs-appctl ofproto/trace <bridge> <flow>', what: 'walk a frame through the flow tables' },
  { usage: 'brctl show', what: 'Linux bridges' },
  { usage: 'ipset list', what: 'the ipsets security groups match against' },
  { usage: 'neutron agent-list', what: 'the agents of every host' },
  { usage: 'neutron l3-agent-list-hosting-router <router>', what: 'the L3 agents a router is scheduled to' },
  { usage: 'help', what: 'this list' },
];

/** The program names the console knows, for suggestions and Tab completion. */
export const CONSOLE_PROGRAMS = [
  'ip',
  'iptables',
  'ipset',
  'ovs-vsctl',
  'ovs-ofctl',
  'ovs-appctl',
  'brctl',
  'neutron',
  'help',
] as const;

/** The `help` text: every supported command, aligned. */
export function helpText(): string {
  const width = Math.max(...CONSOLE_COMMANDS.map((c) => c.usage.length));
  return [
    'Commands answered from this scenario (read-only, in the real tools\u2019 formats):',
    ...CONSOLE_COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.what}`),
    'Tab completes commands, namespaces, devices, bridges and routers; \u2191/\u2193 recall earlier lines.',
  ].join('\n');
}

/** `help`. */
export function helpCommand(): CommandResult {
  return ok(helpText());
}

/** Edit distance (insertions, deletions, substitutions, and swaps of neighbours), to suggest the command meant. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** The known word closest to a mistyped one, or null when none is close (at most a third of its letters off). */
export function closest(word: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = editDistance(word.toLowerCase(), k);
    if (dist < bestDistance) [best, bestDistance] = [k, dist];
  }
  return best !== null && bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : null;
}

/** ` Did you mean "x"?` for the known word closest to a mistyped one, or nothing when none is close. */
export function didYouMean(word: string | undefined, known: readonly string[]): string {
  const guess = word === undefined ? null : closest(word, known);
  return guess ? ` Did you mean "${guess}"?` : '';
}

/** The answer to a program the console does not know: the closest known one, then the list of what it answers. */
export function unknownCommand(program: string): CommandResult {
  const guess = closest(program, CONSOLE_PROGRAMS);
  return fail(
    [`${program}: command not found${guess ? `. Did you mean "${guess}"?` : ''}`, '', helpText()].join('\n'),
    127,
  );
}
