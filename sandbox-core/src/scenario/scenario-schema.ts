import { NAME_MAX_CHARS } from './name-rules.js';

/**
 * One description of the scenario format, from which both the published JSON Schema
 * (for the editor's completion and hover) and the structural validator are derived,
 * so the two can never disagree.
 */

/** A field of the format: its type, constraints and the sentence shown on hover. */
export type FieldSpec =
  | {
      kind: 'string';
      description: string;
      enum?: readonly string[];
      minLength?: number;
      maxLength?: number;
      /** Printed by traces, views and replay scripts, so refused when it holds what a terminal would act on. */
      printable?: boolean;
    }
  | { kind: 'ipv4'; description: string }
  | { kind: 'cidr'; description: string }
  | { kind: 'integer'; description: string; min: number; max: number }
  | { kind: 'boolean'; description: string }
  | { kind: 'const'; description: string; value: number }
  | { kind: 'ipv4-or-true'; description: string }
  | {
      kind: 'object';
      description: string;
      noun: string;
      properties: Record<string, FieldSpec>;
      required: readonly string[];
    }
  | { kind: 'array'; description: string; items: FieldSpec; minItems?: number; maxItems?: number };

const NAME = { kind: 'string', minLength: 1, maxLength: NAME_MAX_CHARS, printable: true } as const;

/** The scenario format v1 (documented in sandbox-core/README.md), field by field. */
export const scenarioSpec: FieldSpec = {
  kind: 'object',
  noun: 'scenario',
  description: 'A DVR Lab scenario: the nodes, networks, routers and VMs of a small Neutron Juno cloud.',
  required: ['version', 'hosts', 'networks', 'routers', 'vms'],
  properties: {
    version: { kind: 'const', value: 1, description: 'Format version; always 1.' },
    title: { kind: 'string', maxLength: 200, printable: true, description: 'A title shown above the sandbox.' },
    ml2: {
      kind: 'object',
      noun: 'ML2 configuration',
      description: "neutron-server's ML2 options that change the dataplane; leave out for the defaults.",
      required: [],
      properties: {
        l2population: {
          kind: 'boolean',
          description:
            '"l2population" in [ml2] mechanism_drivers: announces ports to the OVS agents, which build tunnels from it. Default true.',
        },
      },
    },
    hosts: {
      kind: 'array',
      minItems: 1,
      maxItems: 2000,
      description: 'The nodes. Each runs the OVS agent and an L3 agent in the given agent_mode.',
      items: {
        kind: 'object',
        noun: 'host',
        description: 'A network or compute node.',
        required: ['name', 'agentMode'],
        properties: {
          name: { ...NAME, description: 'Host name, as in `neutron agent-list` (e.g. "network", "compute1").' },
          agentMode: {
            kind: 'string',
            enum: ['dvr_snat', 'dvr', 'legacy'],
            description:
              'l3_agent.ini agent_mode: "dvr_snat" on the network node, "dvr" on compute nodes, "legacy" for a centralized L3 agent.',
          },
          tunnelIp: {
            kind: 'ipv4',
            description:
              "The host's address on the tunnel (data) network, and its OVS agent's local_ip unless ovs.localIp says otherwise. Default: 172.16.0.11 upwards in host order.",
          },
          ovs: {
            kind: 'object',
            noun: 'OVS agent',
            description:
              "The host's OVS agent options ([agent] and [ovs] of ml2_conf.ini) where they differ from a working DVR node: leave out for the defaults.",
            required: [],
            properties: {
              enableDistributedRouting: {
                kind: 'boolean',
                description:
                  '[agent] enable_distributed_routing: the DVR flows and the per-host DVR MAC. Default true, false on a legacy-mode host.',
              },
              l2Population: {
                kind: 'boolean',
                description:
                  '[agent] l2_population: tunnels and unicast flows come from the l2population driver (true, the default) or from tunnel_sync and flooding (false).',
              },
              localIp: {
                kind: 'ipv4',
                description:
                  '[ovs] local_ip as configured: the tunnel source this agent uses and reports to its peers. Default: tunnelIp. Any other address is a misconfiguration.',
              },
            },
          },
          bridges: {
            kind: 'object',
            noun: 'bridge list',
            description: 'Which bridges exist on the host; leave out when all do.',
            required: [],
            properties: {
              brEx: {
                kind: 'boolean',
                description:
                  "Whether br-ex (l3_agent.ini external_network_bridge) exists. Default true; without it the host's L3 agent processes no router.",
              },
            },
          },
        },
      },
    },
    networks: {
      kind: 'array',
      minItems: 1,
      maxItems: 4000,
      description: 'Neutron networks, each with one IPv4 subnet.',
      items: {
        kind: 'object',
        noun: 'network',
        description: 'A tenant or external network.',
        required: ['name', 'subnet'],
        properties: {
          name: { ...NAME, description: 'Network name (e.g. "App", "public").' },
          external: {
            kind: 'boolean',
            description: 'router:external. The external network holds qg-, fg- ports and floating IPs. Default false.',
          },
          segmentationId: {
            kind: 'integer',
            min: 1,
            max: 16777215,
            description: 'The VXLAN VNI or GRE key (provider:segmentation_id). Default: lowest free from 1001.',
          },
          networkType: {
            kind: 'string',
            enum: ['vxlan', 'gre', 'vlan', 'flat', 'local'],
            description:
              'provider:network_type. Juno DVR supports only "vxlan" and "gre" tenant networks. Default "vxlan".',
          },
          subnet: {
            kind: 'object',
            noun: 'subnet',
            description: "The network's IPv4 subnet.",
            required: ['cidr'],
            properties: {
              cidr: {
                kind: 'cidr',
                description: 'The subnet in CIDR notation, host bits clear (e.g. "192.168.200.0/24").',
              },
              gateway: {
                kind: 'ipv4',
                description: 'gateway_ip. Default: the first host address. A router interface takes it.',
              },
            },
          },
        },
      },
    },
    routers: {
      kind: 'array',
      maxItems: 500,
      description: 'Neutron routers.',
      items: {
        kind: 'object',
        noun: 'router',
        description: 'A router, distributed (DVR) or legacy.',
        required: ['name', 'interfaces'],
        properties: {
          name: { ...NAME, description: 'Router name (e.g. "router1").' },
          distributed: {
            kind: 'boolean',
            description: 'DVR router (true, the default with router_distributed = True) or legacy router (false).',
          },
          externalGateway: {
            kind: 'object',
            noun: 'external gateway',
            description:
              "external_gateway_info: the router's qg- port on an external network, whose address is the shared SNAT address.",
            required: ['network'],
            properties: {
              network: { ...NAME, description: 'Name of an external network.' },
              ip: {
                kind: 'ipv4',
                description: 'The qg- address (shared SNAT address). Default: lowest free in the external subnet.',
              },
            },
          },
          snatScheduled: {
            kind: 'boolean',
            description:
              "Whether a distributed router's SNAT is bound to a dvr_snat L3 agent (csnat_l3_agent_bindings). Default true; false when no agent took it.",
          },
          interfaces: {
            kind: 'array',
            maxItems: 100,
            description:
              'Internal networks attached to the router (router-interface-add); each gets a qr- port holding the subnet gateway.',
            items: { ...NAME, description: 'Name of an internal network.' },
          },
        },
      },
    },
    vms: {
      kind: 'array',
      maxItems: 20000,
      description: 'Instances, one port each.',
      items: {
        kind: 'object',
        noun: 'VM',
        description: 'A VM with one port.',
        required: ['name', 'host', 'network'],
        properties: {
          name: { ...NAME, description: 'VM name (e.g. "VM3").' },
          host: { ...NAME, description: 'The compute node it runs on (binding:host_id).' },
          network: { ...NAME, description: 'The network of its port.' },
          ip: { kind: 'ipv4', description: 'Fixed IP. Default: lowest free in the subnet, in canonical order.' },
          floatingIp: {
            kind: 'ipv4-or-true',
            description:
              "A floating IP from the router's external network: an address, or true for the lowest free one.",
          },
          securityGroups: {
            kind: 'array',
            maxItems: 20,
            description: 'The security groups of its port, by name. Default: ["default"].',
            items: { ...NAME, description: 'Name of a security group ("default" or one of securityGroups).' },
          },
        },
      },
    },
    securityGroups: {
      kind: 'array',
      maxItems: 500,
      description:
        'Security groups, enforced on each VM\'s qbr bridge by iptables. A "default" group exists when none is named so: all IPv4 egress, ingress only from members of the same group.',
      items: {
        kind: 'object',
        noun: 'security group',
        description: 'A security group and its rules (IPv4).',
        required: ['name', 'rules'],
        properties: {
          name: { ...NAME, description: 'Group name (e.g. "web"); "default" replaces the default group\'s rules.' },
          rules: {
            kind: 'array',
            maxItems: 200,
            description: 'What the group lets in (ingress) and out (egress); everything else is dropped.',
            items: {
              kind: 'object',
              noun: 'security group rule',
              description: 'One rule: direction, protocol, port range, and the far end (remoteCidr or remoteGroup).',
              required: ['direction'],
              properties: {
                direction: {
                  kind: 'string',
                  enum: ['ingress', 'egress'],
                  description: '"ingress" (into the VM) or "egress" (out of the VM).',
                },
                protocol: {
                  kind: 'string',
                  enum: ['tcp', 'udp', 'icmp', 'any'],
                  description: 'The IP protocol the rule allows. Default "any".',
                },
                portMin: {
                  kind: 'integer',
                  min: 1,
                  max: 65535,
                  description: 'First destination port (tcp or udp only).',
                },
                portMax: {
                  kind: 'integer',
                  min: 1,
                  max: 65535,
                  description: 'Last destination port (tcp or udp only). Default: portMin.',
                },
                remoteCidr: {
                  kind: 'cidr',
                  description:
                    'remote_ip_prefix: the source (ingress) or destination (egress) prefix, e.g. "0.0.0.0/0".',
                },
                remoteGroup: {
                  ...NAME,
                  description: "remote_group_id: allow only the addresses of this group's members.",
                },
              },
            },
          },
        },
      },
    },
  },
};

/** The JSON Schema (draft-07) of a field spec, for Monaco's JSON language service. */
export function toJsonSchema(spec: FieldSpec): Record<string, unknown> {
  const d = { description: spec.description };
  switch (spec.kind) {
    case 'string':
      return {
        type: 'string',
        ...d,
        ...(spec.enum ? { enum: [...spec.enum] } : {}),
        ...(spec.minLength ? { minLength: spec.minLength } : {}),
        ...(spec.maxLength ? { maxLength: spec.maxLength } : {}),
      };
    case 'ipv4':
      return { type: 'string', ...d, pattern: '^\\d{1,3}(\\.\\d{1,3}){3}$' };
    case 'cidr':
      return { type: 'string', ...d, pattern: '^\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}$' };
    case 'integer':
      return { type: 'integer', ...d, minimum: spec.min, maximum: spec.max };
    case 'boolean':
      return { type: 'boolean', ...d };
    case 'const':
      return { const: spec.value, ...d };
    case 'ipv4-or-true':
      return { ...d, oneOf: [{ type: 'string', pattern: '^\\d{1,3}(\\.\\d{1,3}){3}$' }, { const: true }] };
    case 'object':
      return {
        type: 'object',
        ...d,
        properties: Object.fromEntries(Object.entries(spec.properties).map(([k, v]) => [k, toJsonSchema(v)])),
        required: [...spec.required],
        additionalProperties: false,
      };
    case 'array':
      return {
        type: 'array',
        ...d,
        items: toJsonSchema(spec.items),
        ...(spec.minItems ? { minItems: spec.minItems } : {}),
        ...(spec.maxItems ? { maxItems: spec.maxItems } : {}),
      };
  }
}

/** The published JSON Schema of scenario format v1. */
export const scenarioSchema: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'DVR Lab scenario v1',
  ...toJsonSchema(scenarioSpec),
};
