/** The scenario format v1 as a reader writes it (documented in sandbox-core/README.md): every optional field may be missing. */
export interface Scenario {
  version: 1;
  title?: string;
  ml2?: { l2population?: boolean };
  hosts: HostSpec[];
  networks: NetworkSpec[];
  routers: RouterSpec[];
  vms: VmSpec[];
  /** Security groups; a `default` group exists even when absent (see SecurityGroupSpec). */
  securityGroups?: SecurityGroupSpec[];
}

/** L3 agent mode of a node (l3_agent.ini agent_mode). */
export type AgentMode = 'dvr_snat' | 'dvr' | 'legacy';

/** A node running the OVS agent and an L3 agent. */
export interface HostSpec {
  name: string;
  agentMode: AgentMode;
  tunnelIp?: string;
  ovs?: { enableDistributedRouting?: boolean; l2Population?: boolean; localIp?: string };
  bridges?: { brEx?: boolean };
}

/** A Neutron network with its one IPv4 subnet. */
export interface NetworkSpec {
  name: string;
  external?: boolean;
  segmentationId?: number;
  networkType?: 'vxlan' | 'gre' | 'vlan' | 'flat' | 'local';
  subnet: { cidr: string; gateway?: string };
}

/** A Neutron router, distributed (DVR) or legacy (centralized). */
export interface RouterSpec {
  name: string;
  distributed?: boolean;
  externalGateway?: { network: string; ip?: string };
  snatScheduled?: boolean;
  interfaces: string[];
}

/** A VM port: where the instance runs, on which network, with which addresses. */
export interface VmSpec {
  name: string;
  host: string;
  network: string;
  ip?: string;
  floatingIp?: string | true;
  /** The port's security groups by name. Default: ["default"]. */
  securityGroups?: string[];
}

/** One security group rule (IPv4 only): what it lets in or out of its members' ports. */
export interface SecurityGroupRuleSpec {
  direction: 'ingress' | 'egress';
  /** Default "any". */
  protocol?: 'tcp' | 'udp' | 'icmp' | 'any';
  /** tcp/udp destination port range; portMax defaults to portMin. */
  portMin?: number;
  portMax?: number;
  /** The far end as a prefix (remote_ip_prefix); with neither this nor remoteGroup, any address. */
  remoteCidr?: string;
  /** The far end as the members of a group (remote_group_id), by name. */
  remoteGroup?: string;
}

/** A security group: a name and its rules. Naming it "default" replaces the default group's rules. */
export interface SecurityGroupSpec {
  name: string;
  rules: SecurityGroupRuleSpec[];
}

/** One problem in a scenario or request: a JSON pointer and a sentence saying what is wrong and what would be right. */
export interface ScenarioError {
  path: string;
  message: string;
  line?: number;
  column?: number;
}
