/** Table numbers and other constants the agents use, so flows, rules and traces cite the same values (Juno 2014.2). */

// neutron/plugins/openvswitch/common/constants.py
/** br-int: ordinary switching (LOCAL_SWITCHING). */
export const LOCAL_SWITCHING = 0;
/** br-int: DVR_TO_SRC_MAC, where frames from another host's DVR MAC get the subnet gateway MAC back. */
export const DVR_TO_SRC_MAC = 1;
/** br-int: the agent's canary table. */
export const CANARY_TABLE = 23;
/** br-tun: DVR_PROCESS, where routed frames leaving the host get the host's DVR MAC. */
export const DVR_PROCESS = 1;
/** br-tun: PATCH_LV_TO_TUN, unicast/multicast split. */
export const PATCH_LV_TO_TUN = 2;
/** br-tun: GRE_TUN_TO_LV. */
export const GRE_TUN_TO_LV = 3;
/** br-tun: VXLAN_TUN_TO_LV. */
export const VXLAN_TUN_TO_LV = 4;
/** br-tun: DVR_NOT_LEARN, frames from DVR MACs skip learning. */
export const DVR_NOT_LEARN = 9;
/** br-tun: LEARN_FROM_TUN. */
export const LEARN_FROM_TUN = 10;
/** br-tun: UCAST_TO_TUN (l2population unicast entries). */
export const UCAST_TO_TUN = 20;
/** br-tun: FLOOD_TO_TUN. */
export const FLOOD_TO_TUN = 22;

/** The names of the OVS tables, by bridge: what a flow hop's note is keyed by (ovn-trace's stage names). */
export const OVS_TABLE_NAMES: ReadonlyMap<string, ReadonlyMap<number, string>> = new Map([
  [
    'br-int',
    new Map([
      [LOCAL_SWITCHING, 'LOCAL_SWITCHING'],
      [DVR_TO_SRC_MAC, 'DVR_TO_SRC_MAC'],
      [CANARY_TABLE, 'CANARY_TABLE'],
    ]),
  ],
  [
    'br-tun',
    new Map([
      [DVR_PROCESS, 'DVR_PROCESS'],
      [PATCH_LV_TO_TUN, 'PATCH_LV_TO_TUN'],
      [GRE_TUN_TO_LV, 'GRE_TUN_TO_LV'],
      [VXLAN_TUN_TO_LV, 'VXLAN_TUN_TO_LV'],
      [DVR_NOT_LEARN, 'DVR_NOT_LEARN'],
      [LEARN_FROM_TUN, 'LEARN_FROM_TUN'],
      [UCAST_TO_TUN, 'UCAST_TO_TUN'],
      [FLOOD_TO_TUN, 'FLOOD_TO_TUN'],
    ]),
  ],
]);

/** The name of an OVS table of a bridge, or null for a table the agent does not name. */
export function ovsTableName(bridge: string, table: number): string | null {
  return OVS_TABLE_NAMES.get(bridge)?.get(table) ?? null;
}

// neutron/agent/l3_agent.py
/** The route table of floating IP traffic in a DVR qrouter namespace (FIP_RT_TBL). */
export const FIP_RT_TBL = 16;
/** First priority of the per-fixed-IP floating IP rules (FIP_PR_START). */
export const FIP_PR_START = 32768;
/** The link-local range of the rfp-/fpr- pairs (FIP_LL_SUBNET). */
export const FIP_LL_SUBNET = '169.254.30.0/23';

/** Neutron's device name prefixes (interface.py, l3_agent.py). */
export const PREFIX = {
  qr: 'qr-',
  sg: 'sg-',
  qg: 'qg-',
  fg: 'fg-',
  rfp: 'rfp-',
  fpr: 'fpr-',
  tap: 'tap',
  // nova/virt/libvirt/vif.py get_br_name, get_veth_pair_names (hybrid plugging)
  qbr: 'qbr',
  qvb: 'qvb',
  qvo: 'qvo',
} as const;

/** The metadata address every qrouter namespace redirects to its proxy (l3_agent.py metadata_nat_rules). */
export const METADATA_IP = '169.254.169.254';
/** The port neutron-ns-metadata-proxy listens on inside the namespace (metadata_port). */
export const METADATA_PORT = 9697;

// neutron/agent/linux/iptables_manager.py
/** The wrapped nat chains every IptablesManager of the L3 agent creates, sorted as iptables-save lists them. */
export const L3_NAT_CHAINS = [
  'neutron-l3-agent-OUTPUT',
  'neutron-l3-agent-POSTROUTING',
  'neutron-l3-agent-PREROUTING',
  'neutron-l3-agent-float-snat',
  'neutron-l3-agent-snat',
  'neutron-postrouting-bottom',
] as const;
/** The built-in chains of the nat table, in the order iptables lists them. */
export const NAT_BUILTIN_CHAINS = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] as const;
/** The built-in chains of the filter table, in the order iptables lists them. */
export const FILTER_BUILTIN_CHAINS = ['INPUT', 'FORWARD', 'OUTPUT'] as const;
/** The built-in chains of the raw table, in the order iptables lists them. */
export const RAW_BUILTIN_CHAINS = ['PREROUTING', 'OUTPUT'] as const;
/** The filter chains every L3 agent IptablesManager creates, sorted as iptables lists them. */
export const L3_FILTER_CHAINS = [
  'neutron-filter-top',
  'neutron-l3-agent-FORWARD',
  'neutron-l3-agent-INPUT',
  'neutron-l3-agent-OUTPUT',
  'neutron-l3-agent-local',
] as const;
/** The raw chains every L3 agent IptablesManager creates, sorted as iptables lists them. */
export const L3_RAW_CHAINS = ['neutron-l3-agent-OUTPUT', 'neutron-l3-agent-PREROUTING'] as const;

// neutron/agent/linux/iptables_firewall.py (OVSHybridIptablesFirewallDriver), iptables_manager.py
/** The OVS agent's wrap name: its binary, neutron-openvswitch-agent, cut to 16 characters (get_binary_name). */
export const FIREWALL_WRAP = 'neutron-openvswi';
/** A wrapped chain name is cut to 11 characters before the wrap name is put in front (MAX_CHAIN_LEN_WRAP). */
export const MAX_CHAIN_LEN_WRAP = 11;
/** The firewall's shared chains: where every filtered port's jumps start (SG_CHAIN) and what drops the rest. */
export const SG_CHAIN = `${FIREWALL_WRAP}-sg-chain`;
export const SG_FALLBACK = `${FIREWALL_WRAP}-sg-fallback`;

/** The external NIC plugged into br-ex on every node (a name of ours; the deployment chooses it). */
export const EXTERNAL_NIC = 'eth1';
