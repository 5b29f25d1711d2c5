import { deriveUuid } from '../ids/derive-id.js';
import type { Model } from '../model/model.js';
import { didYouMean } from './help-command.js';
import { fail, ok, type CommandResult } from './console-types.js';

/** One agent as `neutron agent-list` lists it. */
interface AgentRow {
  id: string;
  agentType: string;
  host: string;
  binary: string;
}

/**
 * The agents each host runs in the scenario: the Open vSwitch agent everywhere, the L3 agent (in the
 * host's agent_mode) and the metadata agent beside it, and the DHCP agent where a network's DHCP port is bound.
 */
export function agentsOf(model: Model): AgentRow[] {
  const rows: AgentRow[] = [];
  const dhcpHosts = new Set([...model.scenario.dhcpPorts.values()].map((p) => p.host?.name));
  const add = (host: string, agentType: string, binary: string) =>
    rows.push({ id: deriveUuid('agent', `${host}/${binary}`), agentType, host, binary });
  for (const host of model.scenario.hosts) {
    add(host.name, 'Open vSwitch agent', 'neutron-openvswitch-agent');
    add(host.name, 'L3 agent', 'neutron-l3-agent');
    add(host.name, 'Metadata agent', 'neutron-metadata-agent');
    if (dhcpHosts.has(host.name)) add(host.name, 'DHCP agent', 'neutron-dhcp-agent');
  }
  return rows;
}

/** A table as python-neutronclient's cliff formatter draws it: `+---+` rules, `| a |` rows, left-aligned. */
export function cliffTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [rule, line(headers), rule, ...rows.map(line), rule].join('\n');
}

/** `neutron agent-list` and `neutron l3-agent-list-hosting-router <router>`, answered from the scenario. */
export function neutronCommand(model: Model, args: readonly string[]): CommandResult {
  const [verb, ...rest] = args;
  if (verb === 'agent-list' && rest.length === 0)
    return ok(
      cliffTable(
        ['id', 'agent_type', 'host', 'alive', 'admin_state_up', 'binary'],
        agentsOf(model).map((a) => [a.id, a.agentType, a.host, ':-)', 'True', a.binary]),
      ),
    );
  if (verb === 'l3-agent-list-hosting-router') {
    if (rest.length !== 1)
      return fail(
        `usage: neutron l3-agent-list-hosting-router ROUTER\nrouters: ${model.scenario.routers.map((r) => r.name).join(', ') || 'none'}`,
        2,
      );
    const router = model.scenario.routers.find((r) => r.name === rest[0] || r.id === rest[0]);
    if (!router) return fail(`Unable to find router with name '${rest[0]}'`, 1);
    // The agents the router is scheduled to: every host where the L3 agent built its qrouter- or snat- namespace.
    const hosting = model
      .hostNames()
      .filter((h) => model.host(h)!.namespaces.some((ns) => ns.router === router && ns.kind !== 'fip'));
    const l3 = agentsOf(model).filter((a) => a.binary === 'neutron-l3-agent');
    return ok(
      cliffTable(
        ['id', 'host', 'admin_state_up', 'alive'],
        hosting.map((h) => [l3.find((a) => a.host === h)!.id, h, 'True', ':-)']),
      ),
    );
  }
  return fail(
    `Unknown command ${JSON.stringify([verb ?? '', ...rest].filter(Boolean))}\nThe console answers "neutron agent-list" and "neutron l3-agent-list-hosting-router <router>".${didYouMean(verb, ['agent-list', 'l3-agent-list-hosting-router'])}`,
    2,
  );
}
