import { buildModel, Model } from '../model/model.js';
import type { ResolvedScenario } from '../scenario/resolved-types.js';
import { brctlCommand, ipsetCommand } from './brctl-command.js';
import { fail, ok, type CommandResult, type ConsoleContext } from './console-types.js';
import { helpCommand, unknownCommand } from './help-command.js';
import { ipCommand } from './ip-command.js';
import { iptablesCommand } from './iptables-command.js';
import { neutronCommand } from './neutron-command.js';
import { ofprotoTrace } from './ofproto-trace.js';
import { ovsOfctlCommand, ovsVsctlCommand } from './ovs-command.js';
import { tokenize } from './tokenize.js';

/** The longest line the console reads; a longer one is refused before any work. */
export const MAX_LINE_CHARS = 2000;

/** The model of what the console is given: a built model as it is, a resolved scenario built once. */
export function consoleModel(scenario: Model | ResolvedScenario): Model {
  return scenario instanceof Model ? scenario : buildModel(scenario);
}

/**
 * Runs one console line on a host of the reader's scenario, as an operator would type it there: the
 * answer and exit status as data. Read-only, deterministic, and it never throws on what the reader types.
 */
export function runCommand(scenario: Model | ResolvedScenario, host: string, line: string): CommandResult {
  if (line.length > MAX_LINE_CHARS) return fail(`console: a line is at most ${MAX_LINE_CHARS} characters`, 2);
  const model = consoleModel(scenario);
  const state = model.host(host);
  if (!state) return fail(`console: no host named "${host}"; hosts: ${model.hostNames().join(', ') || 'none'}`, 1);
  const tokens = tokenize(line);
  if (tokens.words === null) return fail(`bash: ${tokens.error}`, 2);
  return dispatch({ model, state, ns: null }, tokens.words);
}

/** Runs one command's words in a context (recursively for `ip netns exec`). */
function dispatch(ctx: ConsoleContext, words: readonly string[]): CommandResult {
  const [program, ...args] = words[0] === 'sudo' ? words.slice(1) : words;
  if (program === undefined) return ok('');
  switch (program) {
    case 'help':
    case '?':
      return helpCommand();
    case 'ip':
      return ipOrNetns(ctx, args);
    case 'iptables':
      return iptablesCommand(ctx, args);
    case 'ovs-vsctl':
      return ovsVsctlCommand(ctx, args);
    case 'ovs-ofctl':
      return ovsOfctlCommand(ctx, args);
    case 'ovs-appctl':
      return ofprotoTrace(ctx, args);
    case 'brctl':
      return brctlCommand(ctx, args);
    case 'ipset':
      return ipsetCommand(ctx, args);
    case 'neutron':
      return neutronCommand(ctx.model, args);
    default:
      return unknownCommand(program);
  }
}

/** `ip netns [list]`, `ip netns exec <ns> …`, `ip -n <ns> …`, and every other `ip` object. */
function ipOrNetns(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  if ((args[0] === '-n' || args[0] === '-netns') && args.length >= 2) {
    const ns = namespaceOf(ctx, args[1]!);
    if ('output' in ns) return ns;
    return ipCommand({ ...ctx, ns }, args.slice(2));
  }
  if (args[0] !== 'netns') return ipCommand(ctx, args);
  const verb = args[1];
  if (verb === undefined || verb === 'list' || verb === 'show')
    return ok(
      ctx.state.namespaces
        .map((ns) => ns.name)
        .reverse()
        .join('\n'),
    );
  if (verb !== 'exec')
    return fail(`ip netns ${verb}: the console only lists namespaces and runs commands in them (list, exec)`, 1);
  const name = args[2];
  if (name === undefined) return fail('No netns name specified', 255);
  const ns = namespaceOf(ctx, name);
  if ('output' in ns) return ns;
  if (args.length < 4) return fail('No command specified', 255);
  return dispatch({ ...ctx, ns }, args.slice(3));
}

/** The namespace a command names on this host, or iproute2's error with the names there are. */
function namespaceOf(ctx: ConsoleContext, name: string): NonNullable<ConsoleContext['ns']> | CommandResult {
  const ns = ctx.state.namespaces.find((n) => n.name === name);
  if (ns) return ns;
  const known = ctx.state.namespaces.map((n) => n.name);
  return fail(
    `Cannot open network namespace "${name}": No such file or directory\n` +
      (known.length
        ? `Namespaces on ${ctx.state.host.name}: ${known.join(', ')} (Tab completes them)`
        : `${ctx.state.host.name} has no namespaces in this scenario.`),
    1,
  );
}
