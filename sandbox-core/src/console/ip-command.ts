import type { Namespace } from '../model/state-types.js';
import { renderIpRoute, renderView } from '../views/render-views.js';
import { fail, ok, rootNamespaceAnswer, type CommandResult, type ConsoleContext } from './console-types.js';
import { didYouMean } from './help-command.js';
import { routeGet } from './route-get.js';

/** The `ip` objects the console answers, with the abbreviations iproute2 accepts for them. */
const OBJECTS: Record<string, 'addr' | 'rule' | 'route' | 'neigh' | 'netns'> = {
  a: 'addr',
  ad: 'addr',
  addr: 'addr',
  address: 'addr',
  ru: 'rule',
  rule: 'rule',
  r: 'route',
  ro: 'route',
  route: 'route',
  n: 'neigh',
  neigh: 'neigh',
  neighbor: 'neigh',
  neighbour: 'neigh',
  netns: 'netns',
};

/** Words that mean "print" in iproute2 (`ip route show`, `ip rule list`). */
const SHOW = new Set(['show', 'list', 'lst', 'sh', 'ls', 'l', 's']);

/** `ip <object> …` inside a namespace (or the root namespace): the views of render-views.ts, and `ip route get`. */
export function ipCommand(ctx: ConsoleContext, args: readonly string[]): CommandResult {
  const words = args.filter((w) => w !== '-4');
  const object = OBJECTS[words[0] ?? ''];
  if (!object)
    return fail(
      words.length === 0
        ? 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\nwhere  OBJECT := { addr | route | rule | neigh | netns }'
        : `Object "${words[0]}" is unknown, try "ip help".${didYouMean(words[0], Object.keys(OBJECTS))}`,
      255,
    );
  const rest = words.slice(1);
  if (object === 'netns') return fail('ip netns: handled by the console dispatcher', 1);
  if (ctx.ns === null) return rootNamespaceAnswer(ctx, ['ip', ...words].join(' '));
  const ns = ctx.ns;
  const view = (command: string) => ok(renderView(ctx.model, ctx.state.host.name, ns.name, command) ?? '');
  if (object === 'route' && rest[0] === 'get') return routeGet(ns, rest.slice(1));
  const verb = rest[0];
  if (verb !== undefined && !SHOW.has(verb) && !(object === 'route' && verb === 'table'))
    return fail(
      `ip ${object} ${verb}: the console only reads state; it shows what the agents wrote (try "ip ${object} show").`,
      1,
    );
  const opts = verb !== undefined && SHOW.has(verb) ? rest.slice(1) : rest;
  switch (object) {
    case 'addr':
      return view('ip addr');
    case 'rule':
      return view('ip rule');
    case 'neigh':
      return view('ip neigh');
    case 'route':
      return routeShow(ns, opts);
  }
}

/** `ip route [show] [table main|local|all|N]`: one table's routes (iproute2 names no table when it was asked for one). */
function routeShow(ns: Namespace, opts: readonly string[]): CommandResult {
  let table: string = 'main';
  for (let i = 0; i < opts.length; i++) {
    if (opts[i] === 'table' && opts[i + 1] !== undefined) table = opts[++i]!;
    else
      return fail(
        `Error: argument "${opts[i]}" is wrong: the console understands "ip route show [table N|main|local|all]"`,
        1,
      );
  }
  if (table === 'all') return ok(renderIpRoute(ns));
  const wanted = table === 'main' || table === 'local' ? table : Number(table);
  if (typeof wanted === 'number' && !(Number.isInteger(wanted) && wanted > 0 && wanted < 2 ** 32))
    return fail(`Error: argument "${table}" is wrong: "table" value is invalid`, 1);
  // The view's own ordering, with the table label dropped as iproute2 drops it for a table it was asked for.
  const routes = ns.routes.filter((r) => r.table === wanted).map((r) => ({ ...r, table: 'main' as const }));
  return ok(renderIpRoute({ ...ns, routes }));
}
