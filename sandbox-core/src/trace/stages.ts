import type { IptablesTable, Stage } from './trace-types.js';

type PlainName = Extract<Stage, { command: null }>['name'];

/** The stage values hops carry, built in one place so every hop of a kind names the same command. */
export const stages = {
  /** A stage no command on a host shows: a VM sending, ARP on the wire, a tunnel crossing. */
  plain: (name: PlainName): Stage => ({ name, command: null, table: null }),
  /** One OVS table of a bridge: `ovs-ofctl dump-flows <bridge> table=<n>`. */
  flow: (bridge: string, table: number): Stage => ({
    name: `table ${table}`,
    command: `ovs-ofctl dump-flows ${bridge} table=${table}`,
    table: String(table),
  }),
  /** `ip rule` in a namespace. */
  ipRule: (ns: string): Stage => ({ name: 'ip rule', command: `ip netns exec ${ns} ip rule`, table: null }),
  /** A route table lookup in a namespace (null table: no table had a route). */
  ipRoute: (ns: string, table: string | number | null): Stage => ({
    name: 'ip route',
    command: `ip netns exec ${ns} ip route show table ${table ?? 'all'}`,
    table: table === null ? null : String(table),
  }),
  /** The neighbour table of a namespace. */
  ipNeigh: (ns: string): Stage => ({ name: 'ip neigh', command: `ip netns exec ${ns} ip neigh`, table: null }),
  /** Connection tracking in a namespace. */
  conntrack: (ns: string): Stage => ({ name: 'conntrack', command: `ip netns exec ${ns} conntrack -L`, table: null }),
  /** A VM's qbr: the host's root filter table, where the security group chains live (`iptables -S` on the host). */
  securityGroup: (): Stage => ({ name: 'security group', command: 'iptables -S', table: 'filter' }),
  /** A built-in chain of an iptables table in a namespace (or on the host when `ns` is null). */
  iptables: (ns: string | null, table: IptablesTable, chain: string): Stage => ({
    name: `iptables ${table} ${chain}`,
    command: `${ns === null ? '' : `ip netns exec ${ns} `}iptables -t ${table} -S`,
    table,
  }),
};
