import { fail, ok, type CommandResult } from './console-types.js';

/**
 * `brctl show`: the host's Linux bridges. The model holds no Linux bridge today (a VM's tap sits on
 * br-int directly), so the answer is the header and no bridge, which is what such a host prints.
 */
export function brctlCommand(args: readonly string[]): CommandResult {
  if (args.length !== 1 || args[0] !== 'show')
    return fail(`brctl: the console answers "brctl show"${args[0] ? `, not "brctl ${args.join(' ')}"` : ''}`, 1);
  return ok('bridge name\tbridge id\t\tSTP enabled\tinterfaces');
}
