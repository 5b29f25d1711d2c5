import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIpv4, offWireReason, parseIpv4 } from '../../src/index.js';
import { NETNS_BASE, deleteNamespaces, kernelSkipReason, namespacesWithPrefix, run } from './kernel-runner.js';

// offWireReason is the simulator's rule for addresses that cannot be one end of a routed packet. Here a forwarding
// namespace (ip_forward=1, a default route) referees it: for every address asked, the kernel forwards it as unicast
// (as destination, and as source) exactly when the rule finds nothing wrong with it. No packet is sent.

const skipReason = kernelSkipReason();
const PREFIX = `${NETNS_BASE}${process.pid}-w`;
const ROUTER = `${PREFIX}r`;
const SCRATCH = `${PREFIX}x`;

/** Addresses at every edge of the classes, and the random sample below: never in 10.0.0.0/8, the test's own links. */
const EDGES = [
  '0.0.0.0',
  '0.0.0.1',
  '0.255.255.255',
  '1.0.0.0',
  '8.8.8.8',
  '126.255.255.255',
  '127.0.0.0',
  '127.0.0.1',
  '127.255.255.255',
  '128.0.0.0',
  '169.254.169.254',
  '223.255.255.255',
  '224.0.0.0',
  '224.0.0.5',
  '239.255.255.255',
  '240.0.0.0',
  '255.255.255.254',
  '255.255.255.255',
].map((t) => parseIpv4(t)!);

/** Whether `ip route get` says the router forwards the packet out through its default route. */
function forwarded(answer: string): boolean {
  return /^\S+ from \S+ via 10\.1\.0\.2 dev ib\b/.test(answer.trim());
}

/** Asks the router namespace each `ip route get` line; answers in order (an error as "error: ..."). */
async function ask(lines: string[]): Promise<string[]> {
  const answers: string[] = [];
  for (const line of lines) {
    const r = await run('ip', ['-n', ROUTER, ...line.split(' ')]);
    answers.push(r.code === 0 ? r.stdout : `error: ${r.stderr.trim()}`);
  }
  return answers;
}

describe.skipIf(skipReason !== null)('offWireReason agrees with a forwarding Linux namespace', () => {
  beforeAll(async () => {
    const setup = [
      ['netns', 'add', ROUTER],
      ['netns', 'add', SCRATCH],
      ['-n', SCRATCH, 'link', 'add', 'name', 'v1', 'type', 'veth', 'peer', 'name', 'ia', 'netns', ROUTER],
      ['-n', SCRATCH, 'link', 'add', 'name', 'v2', 'type', 'veth', 'peer', 'name', 'ib', 'netns', ROUTER],
      ['-n', SCRATCH, 'link', 'set', 'dev', 'v1', 'up'],
      ['-n', SCRATCH, 'link', 'set', 'dev', 'v2', 'up'],
      ['-n', ROUTER, 'link', 'set', 'dev', 'lo', 'up'],
      ['-n', ROUTER, 'link', 'set', 'dev', 'ia', 'up'],
      ['-n', ROUTER, 'link', 'set', 'dev', 'ib', 'up'],
      ['-n', ROUTER, 'addr', 'add', '10.0.0.1/24', 'dev', 'ia'],
      ['-n', ROUTER, 'addr', 'add', '10.1.0.1/24', 'dev', 'ib'],
      ['-n', ROUTER, 'route', 'add', 'default', 'via', '10.1.0.2', 'dev', 'ib'],
      ['netns', 'exec', ROUTER, 'sysctl', '-qw', 'net.ipv4.ip_forward=1'],
    ];
    for (const args of setup) {
      const r = await run('ip', args);
      if (r.code !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`);
    }
  });

  afterAll(async () => {
    await deleteNamespaces(await namespacesWithPrefix(PREFIX));
  });

  it('forwards a destination or a source as unicast exactly when offWireReason(address) is null', async () => {
    const random = fc
      .sample(fc.integer({ min: 0, max: 0xffffffff }), { seed: 1414, numRuns: 300 })
      .filter((ip) => ip >>> 24 !== 10);
    // Random draws rarely land in the small classes: draw inside each as well.
    const inClasses = fc.sample(
      fc.oneof(
        fc.integer({ min: 0x7f000000, max: 0x7fffffff }),
        fc.integer({ min: 0xe0000000, max: 0xefffffff }),
        fc.integer({ min: 0x00000000, max: 0x00ffffff }),
      ),
      { seed: 1415, numRuns: 60 },
    );
    const addresses = [...new Set([...EDGES, ...random, ...inClasses])];
    const asDestination = await ask(addresses.map((ip) => `route get ${formatIpv4(ip)} from 10.0.0.5 iif ia`));
    const asSource = await ask(addresses.map((ip) => `route get 8.8.8.8 from ${formatIpv4(ip)} iif ia`));
    const disagreements: string[] = [];
    addresses.forEach((ip, i) => {
      const rule = offWireReason(ip) === null;
      if (forwarded(asDestination[i]!) !== rule)
        disagreements.push(
          `to ${formatIpv4(ip)}: rule says ${rule ? 'routable' : 'refused'}, kernel: ${asDestination[i]!.trim()}`,
        );
      if (forwarded(asSource[i]!) !== rule)
        disagreements.push(
          `from ${formatIpv4(ip)}: rule says ${rule ? 'routable' : 'refused'}, kernel: ${asSource[i]!.trim()}`,
        );
    });
    console.log(`wire addresses: ${addresses.length} addresses asked as destination and as source`);
    expect(disagreements).toEqual([]);
    // The test can fail: the control addresses are forwarded, the classes are not.
    expect(forwarded(asDestination[addresses.indexOf(parseIpv4('8.8.8.8')!)]!)).toBe(true);
    expect(forwarded(asDestination[addresses.indexOf(parseIpv4('127.0.0.1')!)]!)).toBe(false);
  });
});
