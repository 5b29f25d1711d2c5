import { cidrContains, formatIpv4, parseIpv4, type Ipv4 } from '../addr/ipv4.js';
import { localRoute, prefixContains, routeLookup } from '../dataplane/policy-routing.js';
import type { Namespace, Route } from '../model/state-types.js';
import { fail, ok, type CommandResult } from './console-types.js';

/**
 * `ip route get <ip> [from <ip>] [iif <dev>]` in a namespace, answered by the tracer's own policy
 * routing (dataplane/policy-routing.ts) and printed as iproute2 6.x prints the kernel's answer
 * (test/kernel checks the two agree): local delivery first (rule 0), then the rules in order.
 */
export function routeGet(ns: Namespace, args: readonly string[]): CommandResult {
  let dst: Ipv4 | null = null;
  let from: Ipv4 | null = null;
  let iif: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word === 'from' || word === 'iif') {
      const value = args[++i];
      if (value === undefined) return fail(`Command line is not complete. Try option "help"`, 255);
      if (word === 'iif') iif = value;
      else {
        from = parseIpv4(value.replace(/\/32$/, ''));
        if (from === null) return fail(`Error: inet prefix is expected rather than "${value}".`, 1);
      }
      continue;
    }
    if (word === 'to') continue;
    if (dst !== null) return fail(`Error: either "to" is duplicate, or "${word}" is a garbage.`, 1);
    dst = parseIpv4(word.replace(/\/32$/, ''));
    if (dst === null) return fail(`Error: inet prefix is expected rather than "${word}".`, 1);
  }
  if (dst === null) return fail('Error: need at least a destination address', 1);
  if (iif !== null && !ns.devices.some((d) => d.name === iif)) return fail(`Cannot find device "${iif}"`, 1);
  const forwarded = iif !== null;
  const fromPart = from !== null ? ` from ${formatIpv4(from)}` : '';
  const tail = forwarded ? '' : ' uid 0';
  const cache = (flags: string[]) =>
    `    cache${flags.length ? ` <${flags.join(',')}>` : ''}${forwarded ? ` iif ${iif}` : ''} `;
  // Only the default rules: the kernel still keeps the local table merged into main, so it names no table.
  const merged = ns.rules.length === 3;
  const localTable = merged ? '' : ' table local';

  const local = localRoute(ns, dst);
  if (local) {
    const src = from === null ? ` src ${formatIpv4(dst)}` : '';
    return ok(
      `local ${formatIpv4(dst)}${fromPart} dev lo${localTable}${forwarded ? '' : src}${tail} \n${cache(['local'])}`,
    );
  }
  const brd = ns.routes.find((r) => r.table === 'local' && r.type === 'broadcast' && cidrContains(r.dst, dst));
  if (brd) {
    const src = from === null && brd.kernelSrc !== null && !forwarded ? ` src ${formatIpv4(brd.kernelSrc)}` : '';
    return ok(
      `broadcast ${formatIpv4(dst)}${fromPart} dev ${brd.dev}${localTable}${src}${tail} \n${cache(['local', 'brd'])}`,
    );
  }
  // The kernel routes a locally sent packet only from one of the namespace's own addresses.
  if (from !== null && !forwarded && !ns.devices.some((d) => d.addrs.some((a) => a.ip === from)))
    return fail('RTNETLINK answers: Network is unreachable', 2);
  // A locally sent packet without `from` has no source yet: rules with a `from` selector do not match it.
  const decision = routeLookup(ns, from ?? 0, dst);
  if (!decision) return fail('RTNETLINK answers: Network is unreachable', 2);
  const { route } = decision;
  const via = route.via === null ? '' : ` via ${formatIpv4(route.via)}`;
  const table = route.table === 'main' ? '' : ` table ${route.table}`;
  const src = from === null && !forwarded ? preferredSource(ns, route) : null;
  const srcPart = src === null ? '' : ` src ${formatIpv4(src)}`;
  const flags = forwarded && from !== null && sendsRedirect(ns, route, from) && route.dev === iif ? ['redirect'] : [];
  return ok(`${formatIpv4(dst)}${fromPart}${via} dev ${route.dev}${table}${srcPart}${tail} \n${cache(flags)}`);
}

/** The source address the kernel picks for a locally sent packet: the route's own, else the out device's first. */
function preferredSource(ns: Namespace, route: Route): Ipv4 | null {
  if (route.kernelSrc !== null) return route.kernelSrc;
  const dev = ns.devices.find((d) => d.name === route.dev);
  const via = route.via;
  const onLink = via === null ? null : dev?.addrs.find((a) => prefixContains(a, via));
  return (onLink ?? dev?.addrs[0])?.ip ?? null;
}

/**
 * Whether the kernel marks a packet that leaves by the device it came in on for an ICMP redirect: only
 * while send_redirects is on for all devices and this one (the L3 agent turns it off for DVR routers),
 * and the source and the next hop are both on the device's subnet.
 */
function sendsRedirect(ns: Namespace, route: Route, from: Ipv4): boolean {
  const off = (dev: string) => ns.sysctls.includes(`net.ipv4.conf.${dev}.send_redirects = 0`);
  if (off('all') || off(route.dev)) return false;
  const dev = ns.devices.find((d) => d.name === route.dev);
  const via = route.via;
  return (dev?.addrs ?? []).some((a) => prefixContains(a, from) && (via === null || prefixContains(a, via)));
}
