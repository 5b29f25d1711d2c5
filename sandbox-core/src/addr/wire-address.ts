import { formatIpv4, type Ipv4 } from './ipv4.js';

/**
 * Why an address can never be one end of a routed packet, or null when it can. These are the classes
 * Linux itself treats apart (`include/linux/in.h`: ipv4_is_loopback, ipv4_is_multicast, ipv4_is_lbcast, and
 * the unspecified address) and its forwarding path refuses (`net/ipv4/route.c` ip_route_input_slow: martian source
 * or destination, broadcast and multicast input are never forwarded as unicast). The kernel suite asks a
 * forwarding namespace about each class (test/kernel/wire-address.test.ts).
 */
export function offWireReason(ip: Ipv4): string | null {
  const text = formatIpv4(ip);
  const first = ip >>> 24;
  // Only 0.0.0.0 itself: Linux routes the rest of 0.0.0.0/8 as unicast since 5.3 (the kernel suite checks it).
  if (ip === 0)
    return `${text} is the unspecified address: a host uses it only as a source while it has no address yet (DHCP), and Linux routers drop it as a martian`;
  if (first === 127)
    return `${text} is a loopback address: Linux answers it on the sender's own lo, it never goes on the wire, and routers drop it as a martian`;
  if (first >= 224 && first <= 239)
    return `${text} is a multicast address: Linux routers forward multicast only with a multicast routing daemon, which Neutron's L3 agent does not run`;
  if (ip >>> 0 === 0xffffffff)
    return `${text} is the limited broadcast address: it reaches only the sender's own link, and no router forwards it`;
  return null;
}

/** The ranges `offWireReason` refuses, as first and last address, for questions about whole subnets. */
const OFF_WIRE_RANGES: readonly (readonly [Ipv4, Ipv4])[] = [
  [0, 0],
  [0x7f000000, 0x7fffffff],
  [0xe0000000, 0xefffffff],
  [0xffffffff, 0xffffffff],
];

/** The lowest address between `first` and `last` (inclusive) that `offWireReason` refuses, or null when there is none. */
export function firstOffWire(first: Ipv4, last: Ipv4): Ipv4 | null {
  for (const [lo, hi] of OFF_WIRE_RANGES) if (lo <= last && hi >= first) return Math.max(lo, first);
  return null;
}
