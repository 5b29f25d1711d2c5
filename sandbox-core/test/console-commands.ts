import { formatIpv4, tracePacket, type Example, type Model } from '../src/index.js';
import { routingDecisions } from './kernel/kernel-check.js';

/** One `ip route get` the console is asked in a namespace: from the example's walks, or a locally sent packet. */
export interface RouteQuery {
  host: string;
  ns: string;
  args: string;
}

/**
 * The `ip route get` queries for an example: every routing decision its walks' traces took (forward and
 * reply, with the input device), and per namespace a packet it sends itself to 8.8.8.8 and to its first address.
 */
export function routeQueries(example: Example, model: Model): RouteQuery[] {
  const out = new Map<string, RouteQuery>();
  const add = (q: RouteQuery) => out.set(`${q.host} ${q.ns} ${q.args}`, q);
  for (const walk of example.walks) {
    const { trace } = tracePacket(model, walk.request);
    if (!trace) continue;
    for (const d of routingDecisions(trace, walk.id))
      add({ host: d.host, ns: d.ns, args: `${d.dst} from ${d.src}${d.iif ? ` iif ${d.iif}` : ''}` });
  }
  for (const host of model.hostNames())
    for (const ns of model.host(host)!.namespaces) {
      add({ host, ns: ns.name, args: '8.8.8.8' });
      const own = ns.devices.find((d) => d.kind !== 'lo' && d.addrs.length)?.addrs[0];
      if (!own) continue;
      add({ host, ns: ns.name, args: formatIpv4(own.ip) });
      add({ host, ns: ns.name, args: `8.8.8.8 from ${formatIpv4(own.ip)}` });
    }
  return [...out.values()];
}

/**
 * Every console command for one host of an example, as the golden files list them: each command family
 * once per host, each namespace command in every namespace, each bridge's views, and a frame from every
 * VM on the host traced through br-int towards its gateway.
 */
export function consoleCommands(example: Example, model: Model, host: string): string[] {
  const state = model.host(host)!;
  const sc = model.scenario;
  const lines = ['ip netns', 'iptables -S', 'iptables -t nat -S', 'ovs-vsctl show', 'brctl show'];
  for (const br of state.bridges) lines.push(`ovs-ofctl show ${br.name}`, `ovs-ofctl dump-flows ${br.name}`);
  if (state.bridges.some((b) => b.name === 'br-tun')) lines.push('ovs-ofctl dump-flows br-tun table=22');
  for (const ns of state.namespaces) {
    const exec = `ip netns exec ${ns.name}`;
    for (const c of [
      'ip addr',
      'ip rule',
      'ip route',
      'ip route show table all',
      'ip neigh',
      'iptables -S',
      'iptables -t nat -S',
      'iptables -t raw -S',
    ])
      lines.push(`${exec} ${c}`);
    for (const table of new Set(ns.routes.map((r) => r.table)))
      if (typeof table === 'number') lines.push(`${exec} ip route show table ${table}`);
  }
  for (const q of routeQueries(example, model))
    if (q.host === host) lines.push(`ip netns exec ${q.ns} ip route get ${q.args}`);
  const br = state.bridges.find((b) => b.name === 'br-int');
  for (const vm of sc.vms.filter((v) => v.host.name === host)) {
    const tap = br?.ports.find((p) => p.vm === vm.name);
    const gw = vm.router?.interfaces.find((i) => i.network === vm.network)?.qr.mac ?? 'ff:ff:ff:ff:ff:ff';
    if (!tap) continue;
    const ip = vm.port.ip;
    const src = formatIpv4(ip);
    lines.push(
      `ovs-appctl ofproto/trace br-int in_port=${tap.name},dl_src=${vm.port.mac},dl_dst=${gw},icmp,nw_src=${src},nw_dst=8.8.8.8`,
    );
  }
  return lines;
}

/** Commands asked once per example, whatever the host: the Neutron API, help, and a mistyped command. */
export function exampleCommands(model: Model): string[] {
  return [
    'help',
    'neutron agent-list',
    ...model.scenario.routers.map((r) => `neutron l3-agent-list-hosting-router ${r.name}`),
    'ovs-vsctl shwo',
    'ipp route',
  ];
}
