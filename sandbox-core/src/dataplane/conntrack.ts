import type { Ipv4 } from '../addr/ipv4.js';
import type { Packet } from './packet.js';

/** One tracked connection of a namespace: the original tuple, the tuple its replies carry, and its NAT. */
export interface Connection {
  origSrc: Ipv4;
  origDst: Ipv4;
  /** The tuple a reply carries: from replySrc to replyDst. */
  replySrc: Ipv4;
  replyDst: Ipv4;
  nat: 'snat' | 'dnat';
  /** The NAT rule that made the translation, as `iptables -S` prints it. */
  rule: string;
}

/**
 * Connection tracking per namespace (keyed by host and namespace): what NAT did to a connection,
 * so its replies are translated back. The forward walk fills it; the reply walk reads it.
 */
export class Conntrack {
  private readonly byPlace = new Map<string, Connection[]>();
  /** Connections the security group chains let through, by place: "src dst proto" of their first packet. */
  private readonly filtered = new Map<string, Set<string>>();

  /** Records a connection a filter accepted (its first packet), so that its answers are ESTABLISHED there. */
  track(place: string, p: Packet): void {
    let set = this.filtered.get(place);
    if (!set) this.filtered.set(place, (set = new Set()));
    set.add(`${p.ipSrc} ${p.ipDst} ${p.proto}`);
  }

  /** Whether a packet answers a connection tracked in a place: conntrack's ESTABLISHED for it. */
  isEstablished(place: string, p: Packet): boolean {
    return this.filtered.get(place)?.has(`${p.ipDst} ${p.ipSrc} ${p.proto}`) ?? false;
  }

  /** Records a translated connection in a namespace. */
  add(place: string, conn: Connection): void {
    let list = this.byPlace.get(place);
    if (!list) this.byPlace.set(place, (list = []));
    list.push(conn);
  }

  /** The connection a packet is a reply of in a namespace (of one kind of NAT, if given), if any. */
  replyOf(place: string, p: Packet, nat?: Connection['nat']): Connection | null {
    return (
      this.byPlace
        .get(place)
        ?.find((c) => c.replySrc === p.ipSrc && c.replyDst === p.ipDst && (nat === undefined || c.nat === nat)) ?? null
    );
  }

  /** Whether a packet belongs to a connection that was DNATed here (its original direction, after the DNAT). */
  isDnatted(place: string, p: Packet): boolean {
    return (
      this.byPlace.get(place)?.some((c) => c.nat === 'dnat' && c.origSrc === p.ipSrc && c.replySrc === p.ipDst) ?? false
    );
  }
}
