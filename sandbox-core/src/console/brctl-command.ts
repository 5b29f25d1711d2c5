import { fail, ok, rootView, type CommandResult, type ConsoleContext } from './console-types.js';

/** What `brctl show` prints on a host without Linux bridges: its header. */
const BRCTL_HEADER = 'bridge name\tbridge id\t\tSTP enabled\tinterfaces';

/**
 * `brctl show`: the host's Linux bridges, as the host's `brctl show` view prints them; while the views
 * model no Linux bridge (a VM's tap on br-int), the header alone, which is what such a host prints.
 */
export function brctlCommand(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  if (args.length !== 1 || args[0] !== 'show')
    return fail(`brctl: the console answers "brctl show"${args[0] ? `, not "brctl ${args.join(' ')}"` : ''}`, 1);
  return ok(rootView(ctx, 'brctl show') ?? BRCTL_HEADER);
}

/** `ipset list`: the host's ipsets as the host's view lists them (none while the views model none). */
export function ipsetCommand(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  if (args.length !== 1 || args[0] !== 'list')
    return fail(`ipset: the console answers "ipset list"${args[0] ? `, not "ipset ${args.join(' ')}"` : ''}`, 1);
  return ok(rootView(ctx, 'ipset list') ?? '');
}
