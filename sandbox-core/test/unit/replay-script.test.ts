import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { replayNamespaces, replayScript } from '../../src/index.js';
import { shellWord } from '../../src/replay/replay-script.js';
import { exampleModel, exampleScenario, modelOf } from '../helpers.js';

/** Runs the CLI in-process, returning its exit status and output. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    readFile,
  });
  return { code, stdout, stderr };
}

describe('replayScript', () => {
  const model = exampleModel('floating-ip');
  const script = replayScript(model, 'compute1', { prefix: 't-' })!;

  it('replayScript(floating-ip, compute1) names the qrouter and fip namespaces short, keeping the simulator names in comments', () => {
    const { names, scratch, root } = replayNamespaces(model, 'compute1', { prefix: 't-' })!;
    expect([...names.values()]).toEqual(['t-q1', 't-f1']);
    expect(scratch).toBe('t-x');
    expect(root).toBe('t-h');
    expect(script.filter((l) => l.startsWith('ip netns add'))).toEqual([
      'ip netns add t-q1',
      'ip netns add t-f1',
      'ip netns add t-h',
      'ip netns add t-x',
    ]);
    for (const [sim, short] of names) expect(script).toContain(`# ${short} = ${sim}`);
  });

  it('replayScript(floating-ip, compute1) links rfp- and fpr- as one veth pair and gives OVS devices a scratch peer', () => {
    expect(script).toContain('ip -n t-q1 link add name rfp-ba18115a-e type veth peer name fpr-ba18115a-e netns t-f1');
    // The scratch end comes up before the device does, so the device has carrier from the start.
    const scratchLines = script.filter((l) => l.startsWith('ip -n t-x '));
    expect(scratchLines).toEqual([
      'ip -n t-x link add name v1 type veth peer name qr-30672f2c-e6 netns t-q1',
      'ip -n t-x link set dev v1 up',
      'ip -n t-x link add name v2 type veth peer name fg-7a34eede-5b netns t-f1',
      'ip -n t-x link set dev v2 up',
      'ip -n t-x link add name v3 type veth peer name tap602759cc-63 netns t-h',
      'ip -n t-x link set dev v3 up',
    ]);
    expect(script.indexOf('ip -n t-x link set dev v1 up')).toBeLessThan(
      script.indexOf('ip -n t-q1 link set dev qr-30672f2c-e6 up'),
    );
  });

  it('replayScript(floating-ip, compute1) plugs VM1 the hybrid way in the host namespace, then loads its ipset and filter table', () => {
    const at = (line: string) => {
      const i = script.indexOf(line);
      expect(i, line).toBeGreaterThanOrEqual(0);
      return i;
    };
    const bridge = at(
      'ip -n t-h link add name qbr602759cc-63 type bridge forward_delay 0 stp_state 0 mcast_snooping 0',
    );
    const pair = at('ip -n t-h link add name qvb602759cc-63 type veth peer name qvo602759cc-63');
    const enslave = at('ip -n t-h link set dev qvb602759cc-63 master qbr602759cc-63');
    at('ip -n t-h link set dev tap602759cc-63 master qbr602759cc-63');
    expect(bridge).toBeLessThan(enslave);
    expect(pair).toBeLessThan(enslave);
    const set = script.find((l) => l.startsWith('ip netns exec t-h ipset create -exist IPv4'))!;
    expect(set).toMatch(/^ip netns exec t-h ipset create -exist IPv4\S{20} hash:ip family inet$/);
    const firstRule = script.findIndex((l) => l.startsWith('ip netns exec t-h iptables -A '));
    expect(script.indexOf(set)).toBeLessThan(firstRule);
    expect(script).toContain('ip netns exec t-h iptables -N neutron-openvswi-sg-fallback');
    expect(script.at(-1)).toBe('ip netns exec t-h iptables -A neutron-openvswi-sg-fallback -j DROP');
  });

  it('replayScript(floating-ip, network) has no host namespace: no VM runs there', () => {
    expect(replayNamespaces(model, 'network', { prefix: 't-' })!.root).toBeNull();
    expect(replayScript(model, 'network', { prefix: 't-' })!.some((l) => l.includes('t-h'))).toBe(false);
  });

  it('replayScript(floating-ip, compute1) writes addresses with brd as the agent does, the agent routes, rules, neighbours and sysctls', () => {
    expect(script).toContain(
      'ip -n t-q1 addr add 192.168.200.1/24 brd 192.168.200.255 scope global dev qr-30672f2c-e6',
    );
    expect(script).toContain('ip -n t-q1 addr add 169.254.30.0/31 scope global dev rfp-ba18115a-e');
    expect(script).toContain('ip -n t-q1 addr add 203.0.113.10/32 brd 203.0.113.10 scope global dev rfp-ba18115a-e');
    expect(script).toContain('ip -n t-q1 route replace default via 192.168.200.3 dev qr-30672f2c-e6 table 3232286721');
    expect(script).toContain('ip -n t-q1 route replace default via 169.254.30.1 dev rfp-ba18115a-e table 16');
    expect(script).toContain('ip -n t-q1 rule add from 192.168.200.5 lookup 16 priority 32768');
    expect(script).toContain('ip -n t-q1 rule add from 192.168.200.1/24 lookup 3232286721 priority 3232286721');
    expect(script).toContain(
      'ip -n t-q1 neigh replace 192.168.200.7 lladdr fa:16:3e:f4:f8:be nud permanent dev qr-30672f2c-e6',
    );
    expect(script).toContain('ip -n t-f1 route replace 203.0.113.10/32 via 169.254.30.0 dev fpr-ba18115a-e');
    expect(script).toContain('ip netns exec t-q1 sysctl -w net.ipv4.ip_forward=1');
    expect(script).toContain('ip netns exec t-q1 sysctl -w net.ipv4.conf.all.promote_secondaries=1');
    expect(script).toContain('ip netns exec t-f1 sysctl -w net.ipv4.conf.all.promote_secondaries=1');
    // ip_forward is the agent's own setting (once per namespace), not an addition of the replay.
    expect(script.filter((l) => l === 'ip netns exec t-q1 sysctl -w net.ipv4.ip_forward=1')).toHaveLength(1);
    expect(script).toContain('ip netns exec t-q1 sysctl -w net.ipv4.conf.qr-30672f2c-e6.send_redirects=0');
    expect(script).toContain('ip netns exec t-f1 sysctl -w net.ipv4.conf.fg-7a34eede-5b.proxy_arp=1');
    // The kernel adds the connected and local routes itself.
    expect(script.some((l) => l.includes('proto kernel'))).toBe(false);
  });

  it('replayScript(model, unknown host) is null; a host without routing namespaces only makes its scratch namespace', () => {
    expect(replayScript(model, 'nowhere')).toBeNull();
    const scenario = exampleScenario('snat-seed');
    scenario.hosts.push({ name: 'idle', agentMode: 'dvr' });
    const plain = replayScript(modelOf(scenario), 'idle', { prefix: 'i-' })!;
    expect(plain.filter((l) => !l.startsWith('#'))).toEqual(['ip netns add i-x']);
  });
});

describe('dvr-sim replay', () => {
  it('dvr-sim replay <scenario> --host compute1 --prefix p- prints the script and exits 0', async () => {
    const { code, stdout } = await cli([
      'replay',
      'src/examples/floating-ip.json',
      '--host',
      'compute1',
      '--prefix',
      'p-',
    ]);
    expect(code).toBe(0);
    expect(stdout).toBe(replayScript(exampleModel('floating-ip'), 'compute1', { prefix: 'p-' })!.join('\n') + '\n');
  });

  it('dvr-sim replay without --host, with an unknown host or a bad prefix exits 2 and says why', async () => {
    const missing = await cli(['replay', 'src/examples/floating-ip.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/replay needs --host NAME; known hosts: network, compute1, compute2/);
    const unknown = await cli(['replay', 'src/examples/floating-ip.json', '--host', 'nowhere']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no host named "nowhere"/);
    const prefix = await cli(['replay', 'src/examples/floating-ip.json', '--host', 'compute1', '--prefix', 'a b']);
    expect(prefix.code).toBe(2);
  });

  it('dvr-sim replay --json prints the commands as a JSON array', async () => {
    const { code, stdout } = await cli(['replay', 'src/examples/snat-seed.json', '--host', 'network', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(replayScript(exampleModel('snat-seed'), 'network'));
  });
});

describe('shellWord', () => {
  it.each([
    ['ip', 'ip'],
    ['192.168.200.1/24', '192.168.200.1/24'],
    ['net.ipv4.conf.qr-30672f2c-e6.rp_filter=0', 'net.ipv4.conf.qr-30672f2c-e6.rp_filter=0'],
    ['$(touch pwned)', "'$(touch pwned)'"],
    ["it's", "'it'\\''s'"],
    ['a b', "'a b'"],
    ['', "''"],
  ])('shellWord(%j) is %s', (word, quoted) => {
    expect(shellWord(word)).toBe(quoted);
  });
});
