import { formatCidr, hostBounds, parseCidr } from '../addr/ipv4.js';
import { parseJson } from '../scenario/parse-json.js';

/** How an external subnet's addresses are spent: what the course's "a /28 runs out" moment counts. */
export interface AddressBudget {
  network: string;
  cidr: string;
  /** Usable host addresses (network and broadcast excluded). */
  usable: number;
  gateway: number;
  /** qg- ports: one per router with a gateway here (the shared SNAT addresses). */
  routerGateways: number;
  /** fg- ports: one per compute node with a VM that has a floating IP (DVR only). */
  fipAgentGateways: number;
  floatingIps: number;
  used: number;
  free: number;
}

type Raw = {
  hosts?: { name?: unknown }[];
  networks?: { name?: unknown; external?: unknown; subnet?: { cidr?: unknown } }[];
  routers?: {
    name?: unknown;
    distributed?: unknown;
    externalGateway?: { network?: unknown };
    interfaces?: unknown[];
  }[];
  vms?: { host?: unknown; network?: unknown; floatingIp?: unknown }[];
};

/**
 * Counts the public addresses each external network needs, from the scenario as written,
 * so it works even when the subnet has run out and the scenario no longer validates.
 */
export function addressBudget(text: string): AddressBudget[] {
  const { value } = parseJson(text);
  if (!value || typeof value !== 'object') return [];
  const s = value as Raw;
  const out: AddressBudget[] = [];
  for (const net of Array.isArray(s.networks) ? s.networks : []) {
    if (!net || net.external !== true || typeof net.subnet?.cidr !== 'string') continue;
    const cidr = parseCidr(net.subnet.cidr);
    if (!cidr) continue;
    const { first, last } = hostBounds(cidr);
    const routers = (Array.isArray(s.routers) ? s.routers : []).filter((r) => r?.externalGateway?.network === net.name);
    const routerOf = new Map<unknown, (typeof routers)[number]>();
    for (const r of routers) for (const n of Array.isArray(r.interfaces) ? r.interfaces : []) routerOf.set(n, r);
    const fipVms = (Array.isArray(s.vms) ? s.vms : []).filter(
      (v) => v && v.floatingIp !== undefined && routerOf.has(v.network),
    );
    const fgHosts = new Set(fipVms.filter((v) => routerOf.get(v.network)!.distributed !== false).map((v) => v.host));
    const usable = last - first + 1;
    const used = 1 + routers.length + fgHosts.size + fipVms.length;
    out.push({
      network: String(net.name),
      cidr: formatCidr(cidr),
      usable,
      gateway: 1,
      routerGateways: routers.length,
      fipAgentGateways: fgHosts.size,
      floatingIps: fipVms.length,
      used,
      free: usable - used,
    });
  }
  return out;
}
