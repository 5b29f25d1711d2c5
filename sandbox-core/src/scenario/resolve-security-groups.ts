import { parseCidr } from '../addr/ipv4.js';
import { deriveUuid } from '../ids/derive-id.js';
import type { SecurityGroup, SecurityGroupRule, Vm } from './resolved-types.js';
import type { Scenario, ScenarioError } from './scenario-types.js';

/** The group every port without an explicit list belongs to (securitygroups_db.py _ensure_default_security_group). */
export const DEFAULT_GROUP = 'default';

/**
 * Resolves `securityGroups` and each VM's list against each other, with located errors. Neutron creates
 * the default group with an ingress rule from its own members and an egress rule to anywhere
 * (securitygroups_db.py create_security_group, default_sg); the IPv6 twins are left out, the sandbox
 * being IPv4 only. A scenario that names a group "default" gives its rules instead.
 */
export function resolveSecurityGroups(
  input: Scenario,
  vms: Vm[],
  errors: ScenarioError[],
): { groups: SecurityGroup[]; byVm: SecurityGroup[][] } {
  const err = (path: string, message: string) => errors.push({ path, message });
  const specs = input.securityGroups ?? [];
  const index = new Map<string, number>();
  specs.forEach((g, i) => {
    const first = index.get(g.name);
    if (first !== undefined)
      err(
        `/securityGroups/${i}/name`,
        `a security group named "${g.name}" already exists (/securityGroups/${first}); security group names must be unique`,
      );
    else index.set(g.name, i);
  });
  const implicitDefault = !index.has(DEFAULT_GROUP);
  const names = [...(implicitDefault ? [DEFAULT_GROUP] : []), ...specs.map((g) => g.name)];
  const known = () => names.map((n) => `"${n}"`).join(', ');

  // Members first: a rule's remote group reads the members of another group.
  const byVm: string[][] = input.vms.map((v, vi) => {
    const list = v.securityGroups ?? [DEFAULT_GROUP];
    const seen = new Set<string>();
    list.forEach((name, gi) => {
      if (name !== DEFAULT_GROUP && !index.has(name))
        err(`/vms/${vi}/securityGroups/${gi}`, `no security group named "${name}"; known groups: ${known()}`);
      else if (seen.has(name))
        err(`/vms/${vi}/securityGroups/${gi}`, `"${name}" is listed twice; name each group once`);
      seen.add(name);
    });
    return list;
  });
  const members = new Map<string, number[]>(names.map((n) => [n, []]));
  byVm.forEach((list, vi) => {
    for (const name of new Set(list)) members.get(name)?.push(vms[vi]!.port.ip);
  });

  const groups = new Map<string, SecurityGroup>();
  for (const name of names) {
    const ips = members.get(name)!;
    groups.set(name, {
      name,
      id: deriveUuid('security-group', name),
      rules: [],
      memberIps: ips,
      memberSet: new Set(ips),
    });
  }
  if (implicitDefault) {
    const self = groups.get(DEFAULT_GROUP)!;
    (self as { rules: readonly SecurityGroupRule[] }).rules = [
      { direction: 'ingress', protocol: null, portMin: null, portMax: null, remoteCidr: null, remoteGroup: self },
      { direction: 'egress', protocol: null, portMin: null, portMax: null, remoteCidr: null, remoteGroup: null },
    ];
  }
  specs.forEach((g, gi) => {
    if (index.get(g.name) !== gi) return;
    const rules: SecurityGroupRule[] = [];
    g.rules.forEach((r, ri) => {
      const at = `/securityGroups/${gi}/rules/${ri}`;
      const protocol = r.protocol === undefined || r.protocol === 'any' ? null : r.protocol;
      const ports = r.portMin !== undefined || r.portMax !== undefined;
      if (ports && protocol !== 'tcp' && protocol !== 'udp') {
        err(
          `${at}/${r.portMin !== undefined ? 'portMin' : 'portMax'}`,
          `a port range needs protocol "tcp" or "udp" (this rule's protocol is "${r.protocol ?? 'any'}")`,
        );
        return;
      }
      if (r.portMax !== undefined && r.portMin === undefined) {
        err(`${at}/portMax`, 'portMax needs a portMin (the first port of the range)');
        return;
      }
      const portMin = r.portMin ?? null;
      const portMax = r.portMax ?? portMin;
      if (portMin !== null && portMax !== null && portMax < portMin) {
        err(`${at}/portMax`, `portMax ${portMax} is below portMin ${portMin}`);
        return;
      }
      if (r.remoteCidr !== undefined && r.remoteGroup !== undefined) {
        err(
          `${at}/remoteGroup`,
          'a rule takes remoteCidr or remoteGroup, not both (Neutron: SecurityGroupRemoteGroupAndRemoteIpPrefix)',
        );
        return;
      }
      let remoteGroup: SecurityGroup | null = null;
      if (r.remoteGroup !== undefined) {
        remoteGroup = groups.get(r.remoteGroup) ?? null;
        if (!remoteGroup) {
          err(`${at}/remoteGroup`, `no security group named "${r.remoteGroup}"; known groups: ${known()}`);
          return;
        }
      }
      const cidr = r.remoteCidr === undefined ? null : parseCidr(r.remoteCidr)!;
      rules.push({
        direction: r.direction,
        protocol,
        portMin,
        portMax,
        // 0.0.0.0/0 is anywhere: iptables -S prints no -s for it.
        remoteCidr: cidr && cidr.prefixLen > 0 ? cidr : null,
        remoteGroup,
      });
    });
    (groups.get(g.name)! as { rules: readonly SecurityGroupRule[] }).rules = rules;
  });
  return { groups: [...groups.values()], byVm: byVm.map((list) => [...new Set(list)].map((n) => groups.get(n)!)) };
}
