import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real `dvr-sim` bin, run as a reader would: a child process on the built package.
const PKG = join(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = join(PKG, '..');
const BIN = join(PKG, 'bin', 'dvr-sim.js');
const SEED = join(PKG, 'src', 'examples', 'snat-seed.json');
let scratch = '';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion, whatever its exit status (the tests run concurrently: process start-up dominates). */
function run(file: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

function dvrSim(...args: string[]): Promise<Run> {
  return run(process.execPath, [BIN, ...args]);
}

/** The newest modification time under a folder, to tell whether dist is older than src. */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

function scratchFile(name: string, text: string): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(() => {
  const built = join(PKG, 'dist', 'cli', 'main.js');
  if (!existsSync(built) || statSync(built).mtimeMs < newest(join(PKG, 'src'))) {
    const build = spawnSync('npm', ['run', 'build', '-w', 'sandbox-core'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build -w sandbox-core failed:\n${build.stdout}\n${build.stderr}`);
  }
  scratch = mkdtempSync(join(tmpdir(), 'dvr-sim-cli-'));
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.concurrent('dvr-sim trace', () => {
  it("trace(seed, VM3 -> 8.8.8.8) exits 0 and prints the seed article's four steps in order", async () => {
    const { status, stdout } = await dvrSim('trace', SEED, '--from', 'VM3', '--to', '8.8.8.8');
    expect(status).toBe(0);
    const forward = stdout.split('# reply')[0]!;
    const steps = [
      // 1. the qrouter's SNAT redirect rule, table numbered by the gateway address's integer value
      /compute1 qrouter-[0-9a-f-]+ \[qr-[0-9a-f-]+\] ip rule\n\s+rule: 3232286721:\tfrom 192\.168\.200\.1\/24 lookup 3232286721/,
      // 2. br-tun replaces the qr- MAC with compute1's DVR MAC
      /compute1 br-tun \[patch-int\] table 1\n\s+rule: .*actions=mod_dl_src:fa:16:3f:[0-9a-f:]{8},/,
      // 3. the network node delivers the frame to the snat namespace's sg- port
      /network snat-[0-9a-f-]+ \[sg-[0-9a-f-]+\]/,
      // 4. SNAT to the shared address
      /rule: -A neutron-l3-agent-snat -s 192\.168\.200\.0\/24 -j SNAT --to-source 10\.100\.100\.162\n\s+pkt: .*, 10\.100\.100\.162 > 8\.8\.8\.8 icmp/,
    ];
    let from = 0;
    for (const step of steps) {
      const at = forward.slice(from).search(step);
      expect(at, `step ${step} not found after offset ${from}`).toBeGreaterThanOrEqual(0);
      from += at + 1;
    }
    expect(forward).toMatch(/=> delivered\n/);
    expect(stdout).toMatch(/# reply[\s\S]*VM3 receives the packet from 8\.8\.8\.8\n=> delivered\n$/);
  });

  it('trace --json gives the contract shape, leaving with source 10.100.100.162', async () => {
    const { status, stdout } = await dvrSim('trace', SEED, '--from', 'VM3', '--to', '8.8.8.8', '--json');
    expect(status).toBe(0);
    const trace = JSON.parse(stdout);
    const checkTrace = (t: Record<string, unknown>, isReply: boolean) => {
      expect(Object.keys(t)).toEqual(expect.arrayContaining(['verdict', 'reason', 'hops', 'reply']));
      expect(t.verdict).toBe('delivered');
      expect(t.reason).toBeNull();
      const hops = t.hops as Record<string, unknown>[];
      expect(hops.length).toBeGreaterThan(0);
      hops.forEach((hop, i) => {
        expect(hop.step).toBe(i + 1);
        expect(hop.host === null || typeof hop.host === 'string').toBe(true);
        expect(typeof hop.where).toBe('string');
        expect(hop.device === null || typeof hop.device === 'string').toBe(true);
        const stage = hop.stage as Record<string, unknown>;
        expect(typeof stage.name).toBe('string');
        expect(stage.command === null || typeof stage.command === 'string').toBe(true);
        expect(stage.table === null || typeof stage.table === 'string').toBe(true);
        expect(hop.rule === null || typeof hop.rule === 'string').toBe(true);
        expect(typeof hop.note).toBe('string');
        const p = hop.packet as Record<string, unknown>;
        for (const k of ['ethSrc', 'ethDst']) expect(p[k]).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
        for (const k of ['ipSrc', 'ipDst']) expect(p[k]).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
        expect(['icmp', 'tcp', 'udp']).toContain(p.proto);
        if ('vlan' in p) expect(Number.isInteger(p.vlan)).toBe(true);
        if ('tunnelId' in p) expect(Number.isInteger(p.tunnelId)).toBe(true);
      });
      if (isReply) expect(t.reply).toBeNull();
      return hops;
    };
    const hops = checkTrace(trace, false);
    checkTrace(trace.reply, true);
    const out = hops.findLast((h) => h.host === 'network' && String(h.where).startsWith('snat-'))!;
    expect(out.device).toMatch(/^qg-/);
    expect((out.packet as { ipSrc: string }).ipSrc).toBe('10.100.100.162');
    expect(hops.at(-1)!.where).toBe('internet');
  });

  it('trace --format minimal prints only changes and deliveries; --format summary one line per hop', async () => {
    const [detailed, minimal, summary] = await Promise.all([
      dvrSim('trace', SEED, '--from', 'VM3', '--to', '8.8.8.8'),
      dvrSim('trace', SEED, '--from', 'VM3', '--to', '8.8.8.8', '--format', 'minimal'),
      dvrSim('trace', SEED, '--from', 'VM3', '--to', '8.8.8.8', '--format', 'summary'),
    ]);
    expect(minimal.status).toBe(0);
    expect(summary.status).toBe(0);
    const hopLines = (text: string) => text.split('\n').filter((l) => /^\s*\d+\. /.test(l));
    expect(hopLines(summary.stdout)).toHaveLength(hopLines(detailed.stdout).length);
    expect(hopLines(minimal.stdout).length).toBeLessThan(hopLines(summary.stdout).length);
    expect(minimal.stdout).toMatch(/ipSrc=10\.100\.100\.162/);
    expect(minimal.stdout).not.toMatch(/^\s+rule: /m);
    expect(summary.stdout).not.toMatch(/^\s+rule: /m);
    expect(minimal.stdout).toMatch(/# reply/);
  });

  it('trace --format bogus, missing --to, or an unknown VM exits 2', async () => {
    expect((await dvrSim('trace', SEED, '--from', 'VM3', '--to', '8.8.8.8', '--format', 'bogus')).status).toBe(2);
    expect((await dvrSim('trace', SEED, '--from', 'VM3')).status).toBe(2);
    const unknown = await dvrSim('trace', SEED, '--from', 'VM9', '--to', '8.8.8.8', '--json');
    expect(unknown.status).toBe(2);
    expect(JSON.parse(unknown.stdout).errors[0].path).toBe('/request/from');
  });
});

describe.concurrent('dvr-sim show', () => {
  it('show --host compute1 prints # compute1, ## qrouter-… and $ command blocks', async () => {
    const { status, stdout } = await dvrSim('show', SEED, '--host', 'compute1');
    expect(status).toBe(0);
    expect(stdout.startsWith('# compute1\n')).toBe(true);
    expect(stdout).not.toMatch(/^# network$/m);
    expect(stdout).toMatch(/^## qrouter-[0-9a-f-]{36}$/m);
    for (const cmd of [
      'ip addr',
      'ip rule',
      'ip route show table all',
      'ip neigh',
      'iptables -t nat -S',
      'ovs-ofctl dump-flows br-int',
      'ovs-ofctl dump-flows br-tun',
    ]) {
      expect(stdout).toContain(`\n$ ${cmd}\n`);
    }
    expect(stdout).toContain('3232286721:\tfrom 192.168.200.1/24 lookup 3232286721');
  });

  it('show --json gives { host: { namespaceOrBridgeOrRoot: { command: text } } }', async () => {
    const { status, stdout } = await dvrSim('show', SEED, '--json');
    expect(status).toBe(0);
    const views = JSON.parse(stdout) as Record<string, Record<string, Record<string, string>>>;
    expect(Object.keys(views)).toEqual(['network', 'compute1']);
    for (const places of Object.values(views)) {
      for (const [place, commands] of Object.entries(places)) {
        expect(place).toMatch(/^(qrouter|snat|fip|qdhcp)-[0-9a-f-]{36}$|^br-(int|tun|ex)$|^root$/);
        for (const [command, text] of Object.entries(commands)) {
          expect(command).toMatch(
            /^(ip addr|ip rule|ip route show table all|ip neigh|iptables -t nat -S|iptables -S|iptables -t raw -S|ovs-ofctl (dump-flows|show) br-(int|tun|ex)|ovs-vsctl show|brctl show|ipset list)$/,
          );
          expect(typeof text).toBe('string');
        }
      }
    }
    expect(Object.keys(views.network!).some((p) => p.startsWith('snat-'))).toBe(true);
    expect(views.compute1!.root!['brctl show']).toMatch(/^qbr\S{11}\t/m);
  });

  it('a host named __proto__ is shown like any other: in show, show --json and show --host __proto__', async () => {
    const file = join(scratch, 'proto-host.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        hosts: [
          { name: 'network', agentMode: 'dvr_snat' },
          { name: '__proto__', agentMode: 'dvr' },
        ],
        networks: [{ name: 'App', subnet: { cidr: '192.168.200.0/24' } }],
        routers: [{ name: 'router1', interfaces: ['App'] }],
        vms: [{ name: 'VM1', host: '__proto__', network: 'App' }],
      }),
    );
    const text = await dvrSim('show', file);
    expect(text.stdout).toContain('\n# __proto__\n');
    const views = JSON.parse((await dvrSim('show', file, '--json')).stdout) as Record<string, unknown>;
    expect(Object.keys(views)).toEqual(['network', '__proto__']);
    expect(Object.keys(views['__proto__'] as object)).toContain('br-int');
    const one = await dvrSim('show', file, '--host', '__proto__');
    expect(one.status).toBe(0);
    expect(one.stdout).toMatch(/^# __proto__\n\n## qrouter-/);
  });

  it('show --host nosuch exits 2', async () => {
    expect((await dvrSim('show', SEED, '--host', 'nosuch')).status).toBe(2);
  });

  it('show --host with escape sequences and a newline prints them escaped, in text and in JSON', async () => {
    const hostile = 'x\u001b[2J\u001b[H\n=> delivered\u009b';
    const text = await dvrSim('show', SEED, '--host', hostile);
    expect(text.status).toBe(2);
    expect(text.stderr).toContain('no host named "x\\u{1B}[2J\\u{1B}[H\\u{A}=> delivered\\u{9B}"');
    expect(text.stderr).not.toContain('\u001b');
    expect(text.stderr).not.toContain('\u009b');
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
    const json = await dvrSim('show', SEED, '--host', hostile, '--json');
    expect(json.stdout).not.toContain('\u001b');
    expect(json.stdout).not.toContain('\u009b');
    const parsed = JSON.parse(json.stdout) as { errors: { message: string }[] };
    expect(parsed.errors[0]!.message).toContain(hostile);
  });
});

describe.concurrent('dvr-sim exec', () => {
  it("exec --host compute1 'ip netns' exits 0 and lists compute1's qrouter namespace", async () => {
    const { status, stdout } = await dvrSim('exec', SEED, '--host', 'compute1', 'ip netns');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^qrouter-[0-9a-f-]{36}\n$/);
  });

  it('exec prints what runCommand answers: the SNAT redirect of the seed article through ip route get', async () => {
    const ns = (await dvrSim('exec', SEED, '--host', 'compute1', 'ip netns')).stdout.trim();
    const { status, stdout } = await dvrSim(
      'exec',
      SEED,
      '--host',
      'compute1',
      `ip netns exec ${ns} ip route get 8.8.8.8 from 192.168.200.6 iif qr-30672f2c-e6`,
    );
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      '8.8.8.8 from 192.168.200.6 via 192.168.200.3 dev qr-30672f2c-e6 table 3232286721 ',
    );
  });

  it("exec exits with the command's own status and prints its error on stderr", async () => {
    const unknown = await dvrSim('exec', SEED, '--host', 'network', 'ipp route');
    expect(unknown.status).toBe(127);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('Did you mean "ip"?');
    const unreachable = await dvrSim('exec', SEED, '--host', 'compute1', '--json', 'ip -n nosuch route');
    expect(unreachable.status).toBe(1);
    expect(JSON.parse(unreachable.stdout)).toEqual({
      output: expect.stringContaining('Cannot open network namespace "nosuch"'),
      exitCode: 1,
    });
  });

  it('exec without --host, without a command or with two exits 2 and says what it needs', async () => {
    const noHost = await dvrSim('exec', SEED, 'ip netns');
    expect(noHost.status).toBe(2);
    expect(noHost.stderr).toContain('exec needs --host NAME; known hosts: network, compute1');
    const none = await dvrSim('exec', SEED, '--host', 'network');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('one quoted argument');
    expect((await dvrSim('exec', SEED, '--host', 'network', 'ip', 'netns')).status).toBe(2);
    const noSuchHost = await dvrSim('exec', SEED, '--host', 'compute9', 'ip netns');
    expect(noSuchHost.status).toBe(1);
    expect(noSuchHost.stderr).toContain('no host named "compute9"');
  });
});

describe.concurrent('dvr-sim check', () => {
  it('check(seed) exits 0; with --json prints { errors: [] }', async () => {
    const plain = await dvrSim('check', SEED);
    expect(plain.status).toBe(0);
    expect(plain.stdout).toContain('valid');
    const json = await dvrSim('check', SEED, '--json');
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ errors: [] });
  });

  it('check(invalid scenario) exits 2 and prints located { errors } on stdout under --json', async () => {
    const file = scratchFile(
      'bad.json',
      JSON.stringify({
        version: 1,
        hosts: [{ name: 'compute1', agentMode: 'dvr' }],
        networks: [{ name: 'App', subnet: { cidr: '192.168.200.0/24' } }],
        routers: [],
        vms: [{ name: 'VM1', host: 'compute1', network: 'App', ip: '10.0.0.5' }],
      }),
    );
    const { status, stdout } = await dvrSim('check', file, '--json');
    expect(status).toBe(2);
    const { errors } = JSON.parse(stdout);
    expect(errors).toEqual([
      expect.objectContaining({ path: '/vms/0/ip', message: expect.stringContaining('outside') }),
    ]);
    // Without --json the errors go to stderr, one per line, and stdout stays empty.
    const plain = await dvrSim('check', file);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toContain('/vms/0/ip');
  });

  it('check(syntax error) exits 2 with line and column; trace of an invalid scenario exits 2 too', async () => {
    const file = scratchFile('syntax.json', '{\n  "version": 1,\n  "hosts": [,\n}');
    const { status, stdout } = await dvrSim('check', file, '--json');
    expect(status).toBe(2);
    const { errors } = JSON.parse(stdout);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    expect((await dvrSim('trace', file, '--from', 'VM1', '--to', '8.8.8.8', '--json')).status).toBe(2);
  });

  it('check(a scenario whose host name holds a newline) exits 2 with the located error, printed on one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvr-cli-'));
    const file = join(dir, 'hostile.json');
    const scenario = JSON.parse(readFileSync(SEED, 'utf8'));
    scenario.hosts[1].name = 'cmp1\ntouch pwned #';
    writeFileSync(file, JSON.stringify(scenario));
    const r = await dvrSim('check', file);
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('/hosts/1/name: contains a control character (U+000A) at character 5');
    expect(r.stderr).not.toMatch(/^touch/m);
  });

  it('check(missing file) exits 2', async () => {
    const missing = await dvrSim('check', join(scratch || tmpdir(), 'does-not-exist.json'), '--json');
    expect(missing.status).toBe(2);
    expect(JSON.parse(missing.stdout).errors[0].message).toMatch(/ENOENT/);
  });
});

describe.concurrent('dvr-sim arguments', () => {
  it('an unknown command, no command, a missing file argument or an unknown option exits 2', async () => {
    const runs = await Promise.all([
      dvrSim('frobnicate', SEED),
      dvrSim(),
      dvrSim('trace'),
      dvrSim('show', '--json'),
      dvrSim('check', SEED, '--bogus'),
    ]);
    expect(runs.map((r) => r.status)).toEqual([2, 2, 2, 2, 2]);
    expect(runs[0].stderr).toContain('unknown command "frobnicate"');
  });

  it('npx dvr-sim from the project root runs the bin', async () => {
    const r = await run('npx', [
      '--no-install',
      'dvr-sim',
      'check',
      'sandbox-core/src/examples/snat-seed.json',
      '--json',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ errors: [] });
  });
});
