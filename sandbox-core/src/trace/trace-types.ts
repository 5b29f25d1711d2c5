/** Which packet to trace: endpoints by VM name or address (sandbox-core/README.md, `dvr-sim trace`). */
export interface TraceRequest {
  from: string;
  to: string;
  proto?: 'icmp' | 'tcp' | 'udp';
  dport?: number;
}

/** The headers a hop shows after it acted; vlan and tunnelId are present only while the frame carries them. */
export interface PacketHeaders {
  ethSrc: string;
  ethDst: string;
  ipSrc: string;
  ipDst: string;
  proto: 'icmp' | 'tcp' | 'udp';
  vlan?: number;
  tunnelId?: number;
}

/** One step of a packet's walk: where it is, what matched, what the packet looks like after it. */
export interface Hop {
  step: number;
  host: string | null;
  where: string;
  device: string | null;
  stage: string;
  rule: string | null;
  packet: PacketHeaders;
  note: string;
  /** Header fields this hop changed (an addition to the contract's hop, for highlighting). */
  changed: (keyof PacketHeaders)[];
}

/** A whole walk: delivered or dropped with a reason, and the answer's walk when delivered. */
export interface Trace {
  verdict: 'delivered' | 'dropped';
  reason: string | null;
  hops: Hop[];
  reply: Trace | null;
}
