import { renderBrctlShow, renderIpsetList } from '../views/render-views.js';
import { fail, ok, type CommandResult, type ConsoleContext } from './console-types.js';

/** `brctl show`: the host's Linux bridges (a qbr per VM port), as the host's `brctl show` view prints them. */
export function brctlCommand(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  if (args.length !== 1 || args[0] !== 'show')
    return fail(`brctl: the console answers "brctl show"${args[0] ? `, not "brctl ${args.join(' ')}"` : ''}`, 1);
  return ok(renderBrctlShow(ctx.state));
}

/** `ipset list`: the host's ipsets (a security group's members), as the host's view lists them. */
export function ipsetCommand(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  if (args.length !== 1 || args[0] !== 'list')
    return fail(`ipset: the console answers "ipset list"${args[0] ? `, not "ipset ${args.join(' ')}"` : ''}`, 1);
  return ok(renderIpsetList(ctx.state));
}
