import { formatIpv4 } from '../addr/ipv4.js';
import type { Model } from '../model/model.js';
import type { ResolvedScenario } from '../scenario/resolved-types.js';
import type { ConsoleContext } from './console-types.js';
import { CONSOLE_PROGRAMS } from './help-command.js';
import { consoleModel, MAX_LINE_CHARS } from './run-command.js';

/** What Tab may put in place of the word being typed: it starts at `start` in the line; `candidates` are whole words. */
export interface Completions {
  readonly start: number;
  readonly candidates: string[];
}

const IP_OBJECTS = ['addr', 'neigh', 'netns', 'route', 'rule'];
const FLOW_FIELDS = [
  'in_port=',
  'dl_src=',
  'dl_dst=',
  'dl_vlan=',
  'tun_id=',
  'nw_src=',
  'nw_dst=',
  'tp_dst=',
  'icmp',
  'tcp',
  'udp',
  'ip',
];

/**
 * Tab completion for the console: the candidates for the last word of `line` (commands, options,
 * namespaces, devices, bridges, ports, routers), read from the host's state, sorted. Never throws.
 */
export function completions(scenario: Model | ResolvedScenario, host: string, line: string): Completions {
  const empty = { start: line.length, candidates: [] };
  if (line.length > MAX_LINE_CHARS) return empty;
  const model = consoleModel(scenario);
  const state = model.host(host);
  if (!state) return empty;
  const start = Math.max(line.lastIndexOf(' '), line.lastIndexOf('\t')) + 1;
  const current = line.slice(start);
  const before = line.slice(0, start).split(/\s+/).filter(Boolean);
  const ctx: ConsoleContext = { model, state, ns: null };
  const words = candidatesAfter(ctx, before, current);
  // Inside an ofproto/trace flow, only the field after the last comma is being typed.
  const comma = current.lastIndexOf(',');
  const typed = words.flow && comma >= 0 ? current.slice(comma + 1) : current;
  const offset = words.flow && comma >= 0 ? start + comma + 1 : start;
  const candidates = [...new Set(words.list)]
    .filter((w) => w.startsWith(typed))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { start: offset, candidates };
}

/** The words that may follow `before` (the complete words so far), in the namespace context they set. */
function candidatesAfter(ctx: ConsoleContext, before: string[], current: string): { list: string[]; flow: boolean } {
  const none = { list: [], flow: false };
  const list = (l: string[]) => ({ list: l, flow: false });
  const words = before[0] === 'sudo' ? before.slice(1) : before;
  const [program, ...args] = words;
  const namespaces = ctx.state.namespaces.map((n) => n.name);
  const bridges = ctx.state.bridges.map((b) => b.name);
  if (program === undefined) return list([...CONSOLE_PROGRAMS]);
  const last = args[args.length - 1];
  switch (program) {
    case 'ip': {
      if (args[0] === 'netns' && args[1] === 'exec') {
        if (args.length === 2) return list(namespaces);
        const ns = ctx.state.namespaces.find((n) => n.name === args[2]) ?? null;
        return candidatesAfter({ ...ctx, ns }, args.slice(3), current);
      }
      if ((args[0] === '-n' || args[0] === '-netns') && args.length === 1) return list(namespaces);
      const rest = args[0] === '-n' || args[0] === '-netns' ? args.slice(2) : args;
      const ns =
        args[0] === '-n' || args[0] === '-netns'
          ? (ctx.state.namespaces.find((n) => n.name === args[1]) ?? null)
          : ctx.ns;
      if (rest.length === 0) return list(args.length ? IP_OBJECTS.filter((o) => o !== 'netns') : ['-n', ...IP_OBJECTS]);
      if (rest[0] === 'netns') return rest.length === 1 ? list(['exec', 'list']) : none;
      if (rest[0] === 'route') {
        if (rest.length === 1) return list(['get', 'show']);
        if (last === 'table')
          return list(['all', 'local', 'main', ...new Set((ns?.routes ?? []).map((r) => String(r.table)))]);
        if (rest[1] === 'show' && rest.length === 2) return list(['table']);
        if (rest[1] === 'get') {
          if (last === 'iif') return list((ns?.devices ?? []).map((d) => d.name));
          if (last === 'from' || rest.length === 2)
            return list((ns?.devices ?? []).flatMap((d) => d.addrs.map((a) => formatIpv4(a.ip))));
          return list(['from', 'iif']);
        }
        return none;
      }
      if (['addr', 'rule', 'neigh'].includes(rest[0]!) && rest.length === 1) return list(['show']);
      return none;
    }
    case 'iptables':
      if (last === '-t') return list(['filter', 'nat', 'raw']);
      if (last === '-S') return none;
      return list(['-S', '-t']);
    case 'ovs-vsctl':
      if (args.length === 0) return list(['list-br', 'list-ports', 'show']);
      return args.length === 1 && args[0] === 'list-ports' ? list(bridges) : none;
    case 'ovs-ofctl': {
      if (args.length === 0) return list(['dump-flows', 'show']);
      if (args.length === 1) return list(bridges);
      const bridge = ctx.state.bridges.find((b) => b.name === args[1]);
      if (args[0] === 'dump-flows' && args.length === 2 && bridge)
        return list([...new Set(bridge.flows.map((f) => `table=${f.table}`))]);
      return none;
    }
    case 'ovs-appctl': {
      if (args.length === 0) return list(['ofproto/trace']);
      if (args.length === 1) return list(bridges);
      const bridge = ctx.state.bridges.find((b) => b.name === args[1]);
      if (!bridge) return none;
      const field = current.slice(current.lastIndexOf(',') + 1);
      if (field.startsWith('in_port=')) return { list: bridge.ports.map((p) => `in_port=${p.name}`), flow: true };
      return { list: FLOW_FIELDS, flow: true };
    }
    case 'brctl':
      return args.length === 0 ? list(['show']) : none;
    case 'ipset':
      return args.length === 0 ? list(['list']) : none;
    case 'neutron':
      if (args.length === 0) return list(['agent-list', 'l3-agent-list-hosting-router']);
      if (args.length === 1 && args[0] === 'l3-agent-list-hosting-router')
        return list(ctx.model.scenario.routers.map((r) => r.name));
      return none;
    default:
      return none;
  }
}
