import { IPv4, IPv4CidrRange, Validator } from 'ip-num';

/** An IPv4 address as a plain number, so the model can sort, compare and hash addresses cheaply. */
export type Ipv4 = number;

/** A subnet: the network address and prefix length, the value type every allocation and route works with. */
export interface Cidr {
  readonly network: Ipv4;
  readonly prefixLen: number;
}

/** Parses a dotted-quad address; null when the text is not one (ip-num decides what "valid" means). */
export function parseIpv4(text: string): Ipv4 | null {
  if (typeof text !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return null;
  const [ok] = Validator.isValidIPv4String(text);
  return ok ? Number(IPv4.fromString(text).getValue()) : null;
}

/**
 * ip-num's printing is exact but slow (it goes through binary strings), and a cloud's views print the same few
 * thousand addresses again and again (a 200-host br-tun dump: 2,475 lines): each address is printed once and
 * remembered, up to a bound after which the memory starts again.
 */
const FORMATTED_LIMIT = 65_536;
const formatted = new Map<Ipv4, string>();

/** Prints an address in its usual dotted form. */
export function formatIpv4(ip: Ipv4): string {
  let text = formatted.get(ip);
  if (text === undefined) {
    if (formatted.size >= FORMATTED_LIMIT) formatted.clear();
    text = IPv4.fromNumber(BigInt(ip)).toString();
    formatted.set(ip, text);
  }
  return text;
}

/** Why a CIDR text is not a subnet, or null when it is one: used by the validator to say what would be right. */
export function cidrProblem(text: string): string | null {
  if (typeof text !== 'string' || !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(text)) {
    return 'is not in CIDR notation (address/prefix length, e.g. "192.168.200.0/24")';
  }
  const [ok] = Validator.isValidIPv4CidrNotation(text);
  if (!ok) return 'is not a valid IPv4 CIDR (each octet 0-255, prefix length 0-32)';
  const [aligned] = Validator.isValidIPv4CidrRange(text);
  if (!aligned) {
    const range = IPv4CidrRange.fromCidr(text);
    const net = Number(range.getFirst().getValue()) & maskOf(Number(range.getPrefix().getValue()));
    return `has host bits set; the subnet is ${formatIpv4(net >>> 0)}/${range.getPrefix().getValue()}`;
  }
  return null;
}

/** Parses a subnet in CIDR notation with the host bits clear; null otherwise. */
export function parseCidr(text: string): Cidr | null {
  if (cidrProblem(text) !== null) return null;
  const range = IPv4CidrRange.fromCidr(text);
  return { network: Number(range.getFirst().getValue()), prefixLen: Number(range.getPrefix().getValue()) };
}

/** The netmask of a prefix length as an unsigned number. */
export function maskOf(prefixLen: number): number {
  return prefixLen === 0 ? 0 : (0xffffffff << (32 - prefixLen)) >>> 0;
}

/** The last address of a subnet (its broadcast address). */
export function lastOf(cidr: Cidr): Ipv4 {
  return (cidr.network | (~maskOf(cidr.prefixLen) >>> 0)) >>> 0;
}

/** Whether an address falls inside a subnet. */
export function cidrContains(cidr: Cidr, ip: Ipv4): boolean {
  return (ip & maskOf(cidr.prefixLen)) >>> 0 === cidr.network;
}

/** Whether two subnets share any address (Neutron refuses overlapping subnets on one router). */
export function cidrOverlaps(a: Cidr, b: Cidr): boolean {
  const len = Math.min(a.prefixLen, b.prefixLen);
  const mask = maskOf(len);
  return (a.network & mask) >>> 0 === (b.network & mask) >>> 0;
}

/** The first and last addresses Neutron may hand out in a subnet (network and broadcast excluded, as Juno's IPAM does). */
export function hostBounds(cidr: Cidr): { first: Ipv4; last: Ipv4 } {
  if (cidr.prefixLen >= 31) return { first: cidr.network, last: lastOf(cidr) };
  return { first: cidr.network + 1, last: lastOf(cidr) - 1 };
}

/** Prints a subnet in CIDR notation. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLen}`;
}
