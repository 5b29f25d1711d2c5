import type { Bridge } from '../model/state-types.js';
import { renderDumpFlows, renderOvsVsctlShow, renderView } from '../views/render-views.js';
import { didYouMean } from './help-command.js';
import { fail, ok, type CommandResult, type ConsoleContext } from './console-types.js';

/** The bridge a command names on this host, or the error the real tool prints. */
export function findBridge(ctx: ConsoleContext, tool: string, name: string | undefined): Bridge | CommandResult {
  if (name === undefined) return fail(`${tool}: missing bridge name (this host has ${bridgeList(ctx)})`, 1);
  const bridge = ctx.state.bridges.find((b) => b.name === name);
  if (bridge) return bridge;
  return fail(`${tool}: ${name} is not a bridge or a socket (this host has ${bridgeList(ctx)})`, 1);
}

function bridgeList(ctx: ConsoleContext): string {
  return ctx.state.bridges.map((b) => b.name).join(', ') || 'no bridges';
}

/** `ovs-vsctl show` and `ovs-vsctl list-br`: the host's bridges and their ports from the model. */
export function ovsVsctlCommand(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  if (args[0] === 'list-br' && args.length === 1)
    return ok(
      ctx.state.bridges
        .map((b) => b.name)
        .sort()
        .join('\n'),
    );
  if (args[0] === 'list-ports' && args.length === 2) {
    const bridge = findBridge(ctx, 'ovs-vsctl', args[1]);
    if (!('ports' in bridge)) return bridge;
    return ok(
      bridge.ports
        .map((p) => p.name)
        .sort()
        .join('\n'),
    );
  }
  if (args[0] !== 'show' || args.length !== 1)
    return fail(
      `ovs-vsctl: the console answers "ovs-vsctl show", "ovs-vsctl list-br" and "ovs-vsctl list-ports <bridge>".${didYouMean(args[0], ['show', 'list-br', 'list-ports'])}`,
      1,
    );
  // The host's own `ovs-vsctl show` view is the answer.
  return ok(renderOvsVsctlShow(ctx.state));
}

/** `ovs-ofctl show <bridge>` and `ovs-ofctl dump-flows <bridge> [table=N]`: the bridge's views. */
export function ovsOfctlCommand(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  const [verb, name, ...rest] = args;
  if (verb !== 'show' && verb !== 'dump-flows')
    return fail(
      verb === undefined
        ? 'ovs-ofctl: missing command name; use --help for help (the console answers show and dump-flows)'
        : `ovs-ofctl: unknown command '${verb}'; the console answers "ovs-ofctl show <bridge>" and "ovs-ofctl dump-flows <bridge> [table=N]".${didYouMean(verb, ['show', 'dump-flows'])}`,
      1,
    );
  const bridge = findBridge(ctx, 'ovs-ofctl', name);
  if (!('flows' in bridge)) return bridge;
  if (verb === 'show') {
    if (rest.length) return fail(`ovs-ofctl: 'show' command takes at most 1 arguments`, 1);
    return ok(renderView(ctx.model, ctx.state.host.name, bridge.name, `ovs-ofctl show ${bridge.name}`) ?? '');
  }
  if (rest.length > 1) return fail(`ovs-ofctl: 'dump-flows' command takes at most 2 arguments`, 1);
  const header = 'NXST_FLOW reply (xid=0x4):';
  if (rest.length === 0) return ok(`${header}\n${renderDumpFlows(bridge)}`);
  const table = /^table=(\d{1,3})$/.exec(rest[0]!);
  if (!table || Number(table[1]) > 254)
    return fail(`ovs-ofctl: the console filters flows by table only ("table=N", N from 0 to 254), not "${rest[0]}"`, 1);
  const only = { ...bridge, flows: bridge.flows.filter((f) => f.table === Number(table[1])) };
  const text = renderDumpFlows(only);
  return ok(text ? `${header}\n${text}` : header);
}
