import { FILTER_BUILTIN_CHAINS, NAT_BUILTIN_CHAINS, RAW_BUILTIN_CHAINS } from '../model/neutron-constants.js';
import { renderIptablesTable, renderView } from '../views/render-views.js';
import { fail, ok, rootView, type CommandResult, type ConsoleContext } from './console-types.js';

/** The tables the console prints, with the view command that renders each in a namespace. */
const TABLES = {
  filter: { view: 'iptables -S', builtin: FILTER_BUILTIN_CHAINS },
  nat: { view: 'iptables -t nat -S', builtin: NAT_BUILTIN_CHAINS },
  raw: { view: 'iptables -t raw -S', builtin: RAW_BUILTIN_CHAINS },
} as const;

/**
 * `iptables [-t filter|nat|raw] -S [chain]`: the namespace's table as its view prints it; in the root
 * namespace the host's view of that table, else (no rules modelled there) its empty built-in chains.
 */
export function iptablesCommand(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  let table: keyof typeof TABLES = 'filter';
  let list = false;
  let chain: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === '-t' || word === '--table') {
      const name = args[++i];
      if (name === undefined) return fail(`iptables v1.4.21: option "${word}" requires an argument`, 2);
      if (!(name in TABLES))
        return fail(
          `iptables v1.4.21: can't initialize iptables table \`${name}': Table does not exist (the console knows filter, nat and raw)`,
          3,
        );
      table = name as keyof typeof TABLES;
    } else if (word === '-S' || word === '--list-rules') {
      list = true;
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('-')) chain = args[++i]!;
    } else if (word === '-L' || word === '--list' || word === '-n' || word === '-v') {
      return fail(`iptables ${word}: the console prints rules the way the agents write them; use iptables -S`, 2);
    } else if (word.startsWith('-')) {
      return fail(
        `iptables v1.4.21: the console only reads rules: unknown or changing option "${word}"\nTry \`iptables -S' or \`iptables -t nat -S'.`,
        2,
      );
    } else return fail(`Bad argument \`${word}'\nTry \`iptables -h' or 'iptables --help' for more information.`, 2);
  }
  if (!list) return fail("iptables v1.4.21: no command specified\nTry `iptables -S' or `iptables -t nat -S'.", 2);
  const { view, builtin } = TABLES[table];
  const text =
    ctx.ns === null
      ? (rootView(ctx, view) ?? renderIptablesTable({ chains: [], rules: [] }, builtin))
      : (renderView(ctx.model, ctx.state.host.name, ctx.ns.name, view) ?? '');
  if (chain === null) return ok(text);
  const lines = text.split('\n').filter((l) => l.split(' ')[1] === chain);
  if (lines.length === 0) return fail('iptables: No chain/target/match by that name.', 1);
  return ok(lines.join('\n'));
}
