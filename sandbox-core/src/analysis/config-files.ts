import { formatIpv4 } from '../addr/ipv4.js';
import type { Model } from '../model/model.js';

/** One configuration file of a node, with the options DVR needs (Neutron 2014.2's DVR options: `router_distributed`, `agent_mode`, `enable_distributed_routing`, `l2_population`). */
export interface ConfigFile {
  path: string;
  text: string;
}

/**
 * The configuration files each node needs for this scenario, generated from it: the answer to the
 * readers of Eran Gampel's DVR article who asked for the author's config files.
 */
export function configFiles(model: Model, hostName: string): ConfigFile[] {
  const host = model.scenario.hosts.find((h) => h.name === hostName);
  if (!host) return [];
  const sc = model.scenario;
  const types = [...new Set(sc.networks.filter((n) => !n.external).map((n) => n.networkType))].sort();
  const tenantTypes = types.length ? types : ['vxlan'];
  const segs = sc.networks.filter((n) => !n.external).map((n) => n.segmentationId);
  const lo = Math.min(1001, ...segs);
  const hi = Math.max(2000, ...segs);
  const anyDistributed = sc.routers.some((r) => r.distributed);
  const central = host.agentMode !== 'dvr';
  const files: ConfigFile[] = [];
  files.push({
    path: '/etc/neutron/neutron.conf',
    text: [
      '[DEFAULT]',
      'core_plugin = ml2',
      'service_plugins = router',
      'allow_overlapping_ips = True',
      ...(central
        ? [
            `# New routers are distributed unless an admin says otherwise (read by neutron-server)`,
            `router_distributed = ${anyDistributed ? 'True' : 'False'}`,
          ]
        : []),
      '# Per-host DVR MACs are allocated from this base (the default)',
      'dvr_base_mac = fa:16:3f:00:00:00',
    ].join('\n'),
  });
  files.push({
    path: '/etc/neutron/plugins/ml2/ml2_conf.ini',
    text: [
      '[ml2]',
      `type_drivers = flat,${tenantTypes.join(',')}`,
      `tenant_network_types = ${tenantTypes.join(',')}`,
      ...(sc.l2populationDriver
        ? [
            '# Juno DVR needs l2population: br-tun learns remote MACs from it',
            'mechanism_drivers = openvswitch,l2population',
          ]
        : [
            '# Without l2population, agents with l2_population = True never get a tunnel',
            'mechanism_drivers = openvswitch',
          ]),
      '',
      ...tenantTypes.flatMap((t) =>
        t === 'vxlan'
          ? ['[ml2_type_vxlan]', `vni_ranges = ${lo}:${hi}`, '']
          : ['[ml2_type_gre]', `tunnel_id_ranges = ${lo}:${hi}`, ''],
      ),
      '[ml2_type_flat]',
      'flat_networks = external',
      '',
      '[ovs]',
      ...(host.ovs.localIp !== host.tunnelIp
        ? [`# This host's address on the tunnel network is ${formatIpv4(host.tunnelIp)}`]
        : []),
      `local_ip = ${formatIpv4(host.ovs.localIp)}`,
      ...(host.brEx ? [] : ['# br-ex does not exist on this host (ovs-vsctl add-br br-ex was never run)']),
      'bridge_mappings = external:br-ex',
      '',
      '[agent]',
      `tunnel_types = ${tenantTypes.join(',')}`,
      `l2_population = ${host.ovs.l2Population ? 'True' : 'False'}`,
      `enable_distributed_routing = ${host.ovs.enableDistributedRouting ? 'True' : 'False'}`,
      'arp_responder = True',
      '',
      '[securitygroup]',
      "# Security groups as iptables chains on each VM's qbr bridge (hybrid plugging), members in ipsets",
      'firewall_driver = neutron.agent.linux.iptables_firewall.OVSHybridIptablesFirewallDriver',
      'enable_security_group = True',
      'enable_ipset = True',
    ].join('\n'),
  });
  files.push({
    path: '/etc/neutron/l3_agent.ini',
    text: [
      '[DEFAULT]',
      'interface_driver = neutron.agent.linux.interface.OVSInterfaceDriver',
      'use_namespaces = True',
      'external_network_bridge = br-ex',
      `# ${host.agentMode === 'dvr_snat' ? 'The network node: hosts the snat- namespaces (and qrouter-, fip- as needed)' : host.agentMode === 'dvr' ? 'A compute node: qrouter- for local VMs, fip- for local floating IPs' : 'A legacy L3 agent: whole routers, SNAT and floating IPs in qrouter-'}`,
      `agent_mode = ${host.agentMode}`,
      'router_delete_namespaces = True',
      '# A neutron-ns-metadata-proxy runs in every qrouter- namespace (l3_agent.py _router_added),',
      '# so every node with an L3 agent, compute nodes included, also runs the metadata agent',
      'enable_metadata_proxy = True',
      'metadata_port = 9697',
    ].join('\n'),
  });
  files.push({
    path: '/etc/neutron/metadata_agent.ini',
    text: [
      '[DEFAULT]',
      '# The proxies in the qrouter- namespaces reach this agent over a unix socket; it asks nova-api',
      'auth_url = http://controller:5000/v2.0',
      'auth_region = RegionOne',
      'admin_tenant_name = service',
      'admin_user = neutron',
      'admin_password = NEUTRON_PASS',
      'nova_metadata_ip = controller',
      'nova_metadata_port = 8775',
      '# The same secret as nova.conf [neutron] metadata_proxy_shared_secret',
      'metadata_proxy_shared_secret = METADATA_SECRET',
    ].join('\n'),
  });
  return files;
}
