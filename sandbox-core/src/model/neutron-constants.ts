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

// neutron/agent/l3_agent.py
/** The route table of floating IP traffic in a DVR qrouter namespace (FIP_RT_TBL). */
export const FIP_RT_TBL = 16;
/** First priority of the per-fixed-IP floating IP rules (FIP_PR_START). */
export const FIP_PR_START = 32768;
/** The link-local range of the rfp-/fpr- pairs (FIP_LL_SUBNET). */
export const FIP_LL_SUBNET = '169.254.30.0/23';

/** Neutron's device name prefixes (interface.py, l3_agent.py). */
export const PREFIX = { qr: 'qr-', sg: 'sg-', qg: 'qg-', fg: 'fg-', rfp: 'rfp-', fpr: 'fpr-', tap: 'tap' } as const;

/** The external NIC plugged into br-ex on every node (a name of ours; the deployment chooses it). */
export const EXTERNAL_NIC = 'eth1';
