import fc from 'fast-check';
import { formatIpv4, loadScenario } from '../src/index.js';
import type { HostSpec, NetworkSpec, RouterSpec, Scenario, TraceRequest, VmSpec } from '../src/index.js';

/**
 * Random valid scenarios (format v1) for the property tests. Every choice respects the rules of
 * `resolve-scenario.ts`: tenant /24s never overlap, a network hangs off at most one router, VMs of
 * a distributed router's network live on `dvr` hosts, floating IPs only where the router has a gateway,
 * and explicit addresses sit far above the automatic ones so they never collide.
 */

/** A generated scenario: the value, its JSON text (what a reader would type), and what the generator chose. */
export interface GeneratedScenario {
  scenario: Scenario;
  text: string;
}

const EXTERNAL_PREFIXES = ['198.51.100', '203.0.113'] as const;

/** A tenant /24 named by its first three octets; the index keeps them distinct. */
const tenantPrefixArb = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([b, c]) => `10.${b}.${c}`),
  fc.integer({ min: 0, max: 255 }).map((c) => `192.168.${c}`),
);

/** Random valid scenarios: 1 dvr_snat host, 1..6 dvr hosts, sometimes a legacy host, 1..4 tenant networks, 1..2 routers, 1..12 VMs. */
export const scenarioArb: fc.Arbitrary<GeneratedScenario> = fc
  .record({
    computes: fc.integer({ min: 1, max: 6 }),
    legacyHost: fc.boolean(),
    snatFirst: fc.boolean(),
    explicitTunnels: fc.boolean(),
    ext: fc.constantFrom(...EXTERNAL_PREFIXES),
    extPrefixLen: fc.constantFrom(24, 25),
    tenants: fc.uniqueArray(tenantPrefixArb, { minLength: 1, maxLength: 4 }),
    tenantOptions: fc.array(
      fc.record({
        gre: fc.integer({ min: 0, max: 4 }).map((x) => x === 0),
        explicitGateway: fc.boolean(),
        segmentationId: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
      }),
      { minLength: 4, maxLength: 4 },
    ),
    routerCount: fc.integer({ min: 1, max: 2 }),
    secondRouterLegacy: fc.boolean(),
    gateways: fc.tuple(fc.boolean(), fc.boolean()),
    explicitGatewayIp: fc.tuple(fc.boolean(), fc.boolean()),
    /** For each tenant network: -1 = no router, else a router index (taken modulo the router count). */
    attachment: fc.array(fc.integer({ min: -1, max: 1 }), { minLength: 4, maxLength: 4 }),
    vms: fc.array(
      fc.record({
        network: fc.nat(),
        host: fc.nat(),
        explicitIp: fc.boolean(),
        floating: fc.constantFrom<'none' | 'auto' | 'explicit'>('none', 'none', 'auto', 'explicit'),
      }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map((c) => {
    const computes = Array.from({ length: c.computes }, (_, i) => `compute${i + 1}`);
    const snat: HostSpec = { name: 'network', agentMode: 'dvr_snat' };
    const hosts: HostSpec[] = c.snatFirst ? [snat] : [];
    for (const name of computes) hosts.push({ name, agentMode: 'dvr' });
    if (!c.snatFirst) hosts.push(snat);
    if (c.legacyHost) hosts.push({ name: 'legacy1', agentMode: 'legacy' });
    if (c.explicitTunnels) hosts.forEach((h, i) => (h.tunnelIp = `172.18.0.${10 + i}`));

    const extCidr = `${c.ext}.0/${c.extPrefixLen}`;
    const networks: NetworkSpec[] = [
      { name: 'public', external: true, subnet: { cidr: extCidr, gateway: `${c.ext}.1` } },
    ];
    const usedSeg = new Set<number>();
    c.tenants.forEach((prefix, i) => {
      const o = c.tenantOptions[i]!;
      const net: NetworkSpec = { name: `net${i}`, subnet: { cidr: `${prefix}.0/24` } };
      if (o.explicitGateway) net.subnet.gateway = `${prefix}.1`;
      if (o.gre) net.networkType = 'gre';
      if (o.segmentationId !== undefined && !usedSeg.has(o.segmentationId)) {
        usedSeg.add(o.segmentationId);
        net.segmentationId = o.segmentationId;
      }
      networks.push(net);
    });

    const routers: RouterSpec[] = Array.from({ length: c.routerCount }, (_, i) => {
      const r: RouterSpec = { name: `router${i}`, distributed: !(i === 1 && c.secondRouterLegacy), interfaces: [] };
      if (c.gateways[i])
        r.externalGateway = c.explicitGatewayIp[i]
          ? { network: 'public', ip: `${c.ext}.${60 + i}` }
          : { network: 'public' };
      return r;
    });
    const routerOf = c.tenants.map((_, i) => {
      const a = c.attachment[i]!;
      return a < 0 ? -1 : a % c.routerCount;
    });
    routerOf.forEach((ri, ni) => ri >= 0 && routers[ri]!.interfaces.push(`net${ni}`));

    const vms: VmSpec[] = c.vms.map((v, i) => {
      const ni = v.network % c.tenants.length;
      const ri = routerOf[ni]!;
      const router = ri >= 0 ? routers[ri]! : null;
      // Legacy routers may serve VMs on the legacy host; distributed ones only on dvr compute nodes.
      const candidates = router && router.distributed === false && c.legacyHost ? [...computes, 'legacy1'] : computes;
      const vm: VmSpec = { name: `vm${i}`, host: candidates[v.host % candidates.length]!, network: `net${ni}` };
      if (v.explicitIp) vm.ip = `${c.tenants[ni]}.${200 + i}`;
      if (router?.externalGateway && v.floating !== 'none')
        vm.floatingIp = v.floating === 'auto' ? true : `${c.ext}.${100 + i}`;
      return vm;
    });

    const scenario: Scenario = { version: 1, title: 'generated', hosts, networks, routers, vms };
    return { scenario, text: JSON.stringify(scenario, null, 2) };
  });

/** What a generated request aims at, so a property can state what should happen. */
export type RequestKind = 'vm' | 'internet' | 'floating-ip' | 'inbound-floating-ip';

/** A request on a generated scenario, with its kind. */
export interface GeneratedRequest {
  kind: RequestKind;
  request: TraceRequest;
}

/** Requests for one scenario: VM -> VM, VM -> internet, VM -> a floating IP, internet -> a floating IP. */
export function requestArb(generated: GeneratedScenario): fc.Arbitrary<GeneratedRequest> {
  const { scenario } = loadScenario(generated.text);
  const vmNames = generated.scenario.vms.map((v) => v.name);
  // Floating IPs given as `true` are only known after allocation, so ask the library for them.
  const fips = (scenario?.vms ?? []).filter((v) => v.floatingIp !== null).map((v) => formatIpv4(v.floatingIp!));
  const vm = fc.constantFrom(...vmNames);
  const proto = fc.option(fc.constantFrom<'icmp' | 'tcp' | 'udp'>('icmp', 'tcp', 'udp'), { nil: undefined });
  const withProto = (kind: RequestKind, from: string, to: string, p: TraceRequest['proto']): GeneratedRequest => ({
    kind,
    request: p ? { from, to, proto: p } : { from, to },
  });
  const options: fc.Arbitrary<GeneratedRequest>[] = [
    fc.tuple(vm, vm, proto).map(([a, b, p]) => withProto('vm', a, b, p)),
    fc.tuple(vm, fc.constantFrom('8.8.8.8', '1.1.1.1'), proto).map(([a, b, p]) => withProto('internet', a, b, p)),
  ];
  if (fips.length) {
    options.push(fc.tuple(vm, fc.constantFrom(...fips), proto).map(([a, b, p]) => withProto('floating-ip', a, b, p)));
    options.push(
      fc
        .tuple(fc.constantFrom('8.8.8.8', '1.1.1.1'), fc.constantFrom(...fips), proto)
        .map(([a, b, p]) => withProto('inbound-floating-ip', a, b, p)),
    );
  }
  return fc.oneof(...options);
}

/** A scenario together with one request on it. */
export const scenarioWithRequestArb = scenarioArb.chain((g) => requestArb(g).map((r) => ({ ...g, ...r })));

/** One character from anywhere in Unicode: any code point, control characters, format characters and lone surrogates included. */
export const anyCharArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u200b', '\u200e', '\u202e', '\u2028', '\u2029', '\ufeff', '\u{e0001}'),
);

/** One printable character from anywhere in Unicode (what the scenario checks accept in a name). */
export const printableCharArb: fc.Arbitrary<string> = fc
  .string({ unit: 'binary', minLength: 1, maxLength: 1 })
  .filter((c) => !/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u.test(c));

/** A name drawn from `chars` (suffixed with its index, so names stay distinct and non-empty). */
export function unicodeNameArb(index: number, chars: fc.Arbitrary<string> = anyCharArb): fc.Arbitrary<string> {
  return fc.array(chars, { maxLength: 12 }).map((list) => `${list.join('')}#${index}`);
}

/**
 * A generated scenario whose hosts, networks, routers and VMs are all renamed with names from the full Unicode range,
 * every reference following; `names` lists each new name with the pointer of its definition.
 */
export function unicodeNamedScenarioArb(chars: fc.Arbitrary<string> = anyCharArb): fc.Arbitrary<{
  scenario: Scenario;
  text: string;
  names: { pointer: string; name: string }[];
}> {
  return scenarioArb.chain((g) => {
    const kinds = ['hosts', 'networks', 'routers', 'vms'] as const;
    const count = kinds.reduce((n, k) => n + g.scenario[k].length, 0);
    return fc.tuple(...Array.from({ length: count }, (_, i) => unicodeNameArb(i, chars))).map((fresh) => {
      const scenario = structuredClone(g.scenario);
      const names: { pointer: string; name: string }[] = [];
      const renamed = new Map<string, Map<string, string>>();
      let n = 0;
      for (const kind of kinds) {
        const map = new Map<string, string>();
        scenario[kind].forEach((item: { name: string }, i: number) => {
          const name = fresh[n++]!;
          map.set(item.name, name);
          item.name = name;
          names.push({ pointer: `/${kind}/${i}/name`, name });
        });
        renamed.set(kind, map);
      }
      const host = (name: string) => renamed.get('hosts')!.get(name) ?? name;
      const net = (name: string) => renamed.get('networks')!.get(name) ?? name;
      for (const vm of scenario.vms) {
        vm.host = host(vm.host);
        vm.network = net(vm.network);
      }
      for (const r of scenario.routers) {
        r.interfaces = r.interfaces.map(net);
        if (r.externalGateway) r.externalGateway.network = net(r.externalGateway.network);
      }
      return { scenario, text: JSON.stringify(scenario), names };
    });
  });
}
