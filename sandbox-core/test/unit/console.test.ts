import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completions, examples, renderView, runCommand, tracePacket } from '../../src/index.js';
import { tokenize } from '../../src/console/tokenize.js';
import { closest } from '../../src/console/help-command.js';
import { routingDecisions } from '../kernel/kernel-check.js';
import { exampleModel } from '../helpers.js';

const seed = exampleModel('snat-seed');
const fip = exampleModel('floating-ip');
const qrouter = seed.host('compute1')!.namespaces.find((n) => n.kind === 'qrouter')!.name;
const snat = seed.host('network')!.namespaces.find((n) => n.kind === 'snat')!.name;

describe('tokenize', () => {
  it.each([
    ['ip  netns   exec x ip a', ['ip', 'netns', 'exec', 'x', 'ip', 'a']],
    [`echo 'a b' "c \\" d" e\\ f`, ['echo', 'a b', 'c " d', 'e f']],
    [`''`, ['']],
    ['', []],
  ])('tokenize(%j) splits as a shell does', (line, words) => {
    expect(tokenize(line)).toEqual({ words, error: null });
  });

  it('tokenize reports an unclosed quote instead of guessing', () => {
    expect(tokenize(`ip 'a`).error).toMatch(/matching `'/);
  });
});

describe('runCommand', () => {
  it.each([
    'ip addr',
    'ip rule',
    'ip route show table all',
    'ip neigh',
    'iptables -S',
    'iptables -t nat -S',
    'iptables -t raw -S',
  ])('runCommand(snat-seed, network, "ip netns exec <snat> %s") prints the view of the same command', (command) => {
    const expected = renderView(seed, 'network', snat, command);
    expect(runCommand(seed, 'network', `ip netns exec ${snat} ${command}`)).toEqual({ output: expected, exitCode: 0 });
  });

  it('runCommand(snat-seed, network, "ovs-ofctl dump-flows br-tun") prints the dump-flows view after its header', () => {
    const { output } = runCommand(seed, 'network', 'ovs-ofctl dump-flows br-tun');
    expect(output).toBe(
      `NXST_FLOW reply (xid=0x4):\n${renderView(seed, 'network', 'br-tun', 'ovs-ofctl dump-flows br-tun')}`,
    );
  });

  it('runCommand(…, "ovs-ofctl dump-flows br-tun table=4") keeps only table 4', () => {
    const lines = runCommand(seed, 'network', 'ovs-ofctl dump-flows br-tun table=4').output.split('\n').slice(1);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.includes('table=4,'))).toBe(true);
  });

  it('ip netns lists exactly the namespaces of the host, and ip -n is the same as ip netns exec', () => {
    const names = seed.host('network')!.namespaces.map((n) => n.name);
    expect(runCommand(seed, 'network', 'ip netns').output.split('\n').sort()).toEqual([...names].sort());
    expect(runCommand(seed, 'compute1', `ip -n ${qrouter} rule`)).toEqual(
      runCommand(seed, 'compute1', `ip netns exec ${qrouter} ip rule`),
    );
  });

  it('ip route get answers every routing decision of every example walk as the tracer took it', () => {
    let checked = 0;
    for (const example of examples) {
      const model = exampleModel(example.id);
      for (const walk of example.walks) {
        const { trace } = tracePacket(model, walk.request);
        for (const d of routingDecisions(trace!, walk.id)) {
          const { output, exitCode } = runCommand(
            model,
            d.host,
            `ip netns exec ${d.ns} ip route get ${d.dst} from ${d.src}${d.iif ? ` iif ${d.iif}` : ''}`,
          );
          const e = d.expected;
          if (e.kind === 'unreachable') expect(exitCode).toBe(2);
          else if (e.kind === 'local') expect(output).toMatch(/^local /);
          else {
            expect(exitCode).toBe(0);
            expect(output).toContain(` dev ${e.dev}`);
            expect(output.includes(`via ${e.via}`)).toBe(e.via !== null);
            expect(output.includes(` table ${e.table}`)).toBe(e.table !== 'main');
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('ip route get 8.8.8.8 from VM3 in compute1’s qrouter goes to the SNAT port by rule 3232286721, as Gampel’s article shows', () => {
    const { output } = runCommand(
      seed,
      'compute1',
      `ip netns exec ${qrouter} ip route get 8.8.8.8 from 192.168.200.6 iif qr-30672f2c-e6`,
    );
    expect(output.split('\n')[0]).toBe(
      '8.8.8.8 from 192.168.200.6 via 192.168.200.3 dev qr-30672f2c-e6 table 3232286721 ',
    );
  });

  it('ofproto/trace from VM3’s qvo port on compute1 to an unknown MAC leaves by the VXLAN tunnel with the network’s VNI', () => {
    const vm = seed.scenario.vms[0]!;
    const tap = seed.host('compute1')!.bridges[0]!.ports.find((p) => p.vm === vm.name)!.name;
    const { output, exitCode } = runCommand(
      seed,
      'compute1',
      `ovs-appctl ofproto/trace br-int in_port=${tap},dl_src=${vm.port.mac},dl_dst=fa:16:3e:00:00:01,icmp,nw_src=192.168.200.6,nw_dst=8.8.8.8`,
    );
    expect(exitCode).toBe(0);
    expect(output).toMatch(/^Bridge: br-int\nFlow: icmp,in_port=qvo/);
    expect(output).toContain('\tBridge: br-tun');
    expect(output).toMatch(/Datapath actions: set\(tunnel\(tun_id=0x[0-9a-f]+,.*\)\),vxlan-[0-9a-f]{8}$/);
  });

  it.each([
    ['ipp route', 127, /command not found\. Did you mean "ip"\?/],
    ['ovs-vsctl shwo', 1, /Did you mean "show"\?/],
    ['ip rotue', 255, /Object "rotue" is unknown.*Did you mean "route"\?/],
    ['neutron agent-lst', 2, /Did you mean "agent-list"\?/],
    ['ovs-ofctl dump-flow br-int', 1, /Did you mean "dump-flows"\?/],
    ['ovs-ofctl dump-flows br-nope', 1, /br-nope is not a bridge.*br-int, br-tun, br-ex/],
    ['ip netns exec qrouter-nope ip a', 1, /Cannot open network namespace "qrouter-nope"/],
    ['ip addr', 1, /ip netns exec qrouter-/],
    ["ip 'a", 2, /unexpected end of line/],
    ['iptables -t mangle -S', 3, /Table does not exist/],
    ['iptables -F', 2, /only reads rules/],
    ['neutron l3-agent-list-hosting-router nope', 1, /Unable to find router with name 'nope'/],
    ['ovs-appctl ofproto/trace br-int dl_src=zz', 2, /invalid Ethernet address/],
  ])('runCommand(snat-seed, compute1, %j) answers with exit %i and says why', (line, code, message) => {
    const result = runCommand(seed, 'compute1', line);
    expect(result.exitCode).toBe(code);
    expect(result.output).toMatch(message);
  });

  it('brctl show, ipset list and the root iptables -S print the host’s root views, or what a host without them prints', () => {
    for (const [line, view] of [
      ['brctl show', 'brctl show'],
      ['ipset list', 'ipset list'],
      ['iptables -S', 'iptables -S'],
    ] as const) {
      const expected = renderView(seed, 'compute1', 'root', view);
      const { output, exitCode } = runCommand(seed, 'compute1', line);
      expect(exitCode).toBe(0);
      if (expected !== null) expect(output).toBe(expected);
    }
    if (renderView(seed, 'compute1', 'root', 'brctl show') === null) {
      expect(runCommand(seed, 'compute1', 'brctl show').output).toBe(
        'bridge name\tbridge id\t\tSTP enabled\tinterfaces',
      );
      expect(runCommand(seed, 'compute1', 'iptables -S').output).toBe(
        '-P INPUT ACCEPT\n-P FORWARD ACCEPT\n-P OUTPUT ACCEPT',
      );
    }
  });

  it('runCommand on an unknown host names the hosts there are', () => {
    expect(runCommand(seed, 'compute9', 'ip netns')).toEqual({
      output: 'console: no host named "compute9"; hosts: network, compute1',
      exitCode: 1,
    });
  });

  it('neutron l3-agent-list-hosting-router lists the hosts that built the router’s namespaces', () => {
    const rows = runCommand(fip, 'network', 'neutron l3-agent-list-hosting-router router1').output.split('\n');
    const hosts = rows.slice(3, -1).map((r) => r.split('|')[2]!.trim());
    const expected = fip.hostNames().filter((h) => fip.host(h)!.namespaces.some((n) => n.router?.name === 'router1'));
    expect(hosts).toEqual(expected);
  });

  it('runCommand never throws and always answers with text and an exit status (any line, any host)', () => {
    const words = fc.constantFrom(
      'ip',
      'netns',
      'exec',
      qrouter,
      'route',
      'get',
      'from',
      'iif',
      'table',
      'iptables',
      '-t',
      'nat',
      '-S',
      'ovs-appctl',
      'ofproto/trace',
      'br-int',
      'in_port=1',
      'ovs-ofctl',
      'dump-flows',
      'neutron',
      "'",
      '"',
      '\\',
      '8.8.8.8',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(words, fc.string()), { maxLength: 8 }),
        fc.constantFrom('network', 'compute1', 'x'),
        (parts, host) => {
          const r = runCommand(seed, host, parts.join(' '));
          expect(typeof r.output).toBe('string');
          expect(Number.isInteger(r.exitCode)).toBe(true);
          const c = completions(seed, host, parts.join(' '));
          expect(Array.isArray(c.candidates)).toBe(true);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
});

describe('completions', () => {
  it.each([
    ['', ['brctl', 'help', 'ip', 'ipset', 'iptables', 'neutron', 'ovs-appctl', 'ovs-ofctl', 'ovs-vsctl']],
    ['ovs-', ['ovs-appctl', 'ovs-ofctl', 'ovs-vsctl']],
    ['ip netns exec q', [qrouter]],
    ['ovs-ofctl dump-flows br-i', ['br-int']],
    [`ip netns exec ${qrouter} ip route get 8.8.8.8 iif q`, ['qr-30672f2c-e6']],
    ['neutron l3-agent-list-hosting-router ', ['router1']],
    ['iptables -t n', ['nat']],
  ])('completions(snat-seed, compute1, %j) offers %j', (line, candidates) => {
    expect(completions(seed, 'compute1', line)).toEqual({
      start: line.length - (line.split(' ').pop() ?? '').length,
      candidates,
    });
  });

  it('completions inside an ofproto/trace flow complete the field after the last comma', () => {
    const line = 'ovs-appctl ofproto/trace br-int icmp,in_port=qv';
    const c = completions(seed, 'compute1', line);
    expect(c.start).toBe(line.indexOf('in_port'));
    expect(c.candidates).toEqual([`in_port=${seed.host('compute1')!.bridges[0]!.ports.find((p) => p.vm)!.name}`]);
  });
});

describe('closest', () => {
  it.each([
    ['ipatbles', 'iptables'],
    ['ovs-vsctll', 'ovs-vsctl'],
    ['neutorn', 'neutron'],
    ['ls', null],
  ])('closest(%j) suggests %j', (word, expected) => {
    expect(closest(word, ['ip', 'iptables', 'ovs-vsctl', 'ovs-ofctl', 'neutron', 'brctl'])).toBe(expected);
  });
});
