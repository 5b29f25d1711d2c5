import { formatIpv4, type Ipv4 } from '../addr/ipv4.js';
import type { PacketHeaders } from '../trace/trace-types.js';

/** The packet as the stages see it: addresses as numbers, tags as null while absent. */
export interface Packet {
  ethSrc: string;
  ethDst: string;
  ipSrc: Ipv4;
  ipDst: Ipv4;
  proto: 'icmp' | 'tcp' | 'udp';
  /** Destination port of tcp/udp, null for icmp. */
  dport: number | null;
  vlan: number | null;
  tunnelId: number | null;
}

/** The header fields a hop reports, in the order a reader compares them. */
export const HEADER_FIELDS = ['ethSrc', 'ethDst', 'ipSrc', 'ipDst', 'vlan', 'tunnelId'] as const;

/** The headers a hop shows: addresses as text, vlan and tunnelId only while the frame carries them. */
export function headersOf(p: Packet): PacketHeaders {
  const h: PacketHeaders = {
    ethSrc: p.ethSrc,
    ethDst: p.ethDst,
    ipSrc: formatIpv4(p.ipSrc),
    ipDst: formatIpv4(p.ipDst),
    proto: p.proto,
  };
  if (p.vlan !== null) h.vlan = p.vlan;
  if (p.tunnelId !== null) h.tunnelId = p.tunnelId;
  return h;
}

/** The fields that differ between two hops' headers (none for the first hop). */
export function changedHeaders(before: PacketHeaders | null, after: PacketHeaders): (keyof PacketHeaders)[] {
  if (!before) return [];
  return HEADER_FIELDS.filter((k) => before[k] !== after[k]);
}

/** Whether a MAC has the group bit set (broadcast or multicast), the split br-tun's table 2 makes. */
export function isMulticast(mac: string): boolean {
  return (parseInt(mac.slice(0, 2), 16) & 1) === 1;
}
