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

/** The iptables tables the agents program (iptables_manager.py). */
export type IptablesTable = 'nat' | 'filter' | 'raw';

/**
 * A hop's stage: its short name, and the command that shows the state that decided on a real host
 * (`command`, null where no command shows it, such as a VM sending) with the table that command
 * shows (`table`: an OVS table number, a route table, an iptables table).
 */
export type Stage =
  | {
      name: 'send' | 'arp' | 'deliver' | 'veth' | 'gre' | 'vxlan' | 'external network' | 'route';
      command: null;
      table: null;
    }
  | { name: `table ${number}`; command: string; table: string }
  | { name: 'ip rule' | 'ip neigh' | 'conntrack'; command: string; table: null }
  | { name: 'ip route'; command: string; table: string | null }
  /** A VM's qbr bridge, where the host's filter table applies the port's security groups. */
  | { name: 'security group'; command: string; table: 'filter' }
  | { name: `iptables ${IptablesTable} ${string}`; command: string; table: IptablesTable };

/** The stage names a hop can carry. */
export type StageName = Stage['name'];

/** One step of a packet's walk: where it is, what matched, what the packet looks like after it. */
export interface Hop {
  step: number;
  host: string | null;
  where: string;
  device: string | null;
  stage: Stage;
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
