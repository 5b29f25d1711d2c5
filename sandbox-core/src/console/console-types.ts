import type { Model } from '../model/model.js';
import type { HostState, Namespace } from '../model/state-types.js';
import { renderView, ROOT_PLACE } from '../views/render-views.js';

/** What a console command prints and its exit status, as data: user input never makes the console throw. */
export interface CommandResult {
  /** What the terminal shows (stdout and stderr in the order a shell would interleave them). */
  readonly output: string;
  /** 0 for success, as the real tool would exit otherwise (1 for most errors, 2 for iproute2's netlink errors). */
  readonly exitCode: number;
}

/** Where a command runs: a host of the model, and the namespace `ip netns exec` entered (null for the root namespace). */
export interface ConsoleContext {
  readonly model: Model;
  readonly state: HostState;
  readonly ns: Namespace | null;
}

/** A successful answer. */
export function ok(output: string): CommandResult {
  return { output, exitCode: 0 };
}

/** A failed answer with its message and exit status. */
export function fail(output: string, exitCode = 1): CommandResult {
  return { output, exitCode };
}

/**
 * The answer to a namespace command typed in the host's root namespace: the simulator models what the
 * agents create in their namespaces, not the host's own interfaces, so it says where to look instead.
 */
export function rootNamespaceAnswer(ctx: ConsoleContext, command: string): CommandResult {
  const first = ctx.state.namespaces[0]?.name;
  return fail(
    `${command}: the console models the namespaces the Neutron agents create on ${ctx.state.host.name}, not the host's own interfaces.\n` +
      (first
        ? `List them with \`ip netns\`, then run it inside one: ip netns exec ${first} ${command}`
        : `${ctx.state.host.name} has no such namespace in this scenario (\`ip netns\` lists none).`),
  );
}

/**
 * A root-namespace view of the host as `show` renders it, or null while the views hold none for that
 * command: the console prints the views' text and keeps no copy of its own where a view exists.
 */
export function rootView(ctx: ConsoleContext, command: string): string | null {
  return renderView(ctx.model, ctx.state.host.name, ROOT_PLACE, command);
}
