// The simulator's benchmark (`npm run bench`): the seed scenario's model + trace, and clouds of 10, 100 and 1,000
// compute nodes, so the goals (seed median under 1 ms, 1,000-node time at most 12x the 100-node time) are measured, not assumed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PKG = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(PKG, 'dist', 'index.js');
/** The newest modification time under a folder: dist older than src is rebuilt, so the numbers are the current code's. */
const newest = (dir) =>
  Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs,
    ),
  );
if (!existsSync(DIST) || statSync(DIST).mtimeMs < newest(join(PKG, 'src'))) {
  const build = spawnSync('npm', ['run', 'build'], { cwd: PKG, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const { buildModel, loadScenario, tracePacket } = await import(pathToFileURL(DIST).href);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms < 10 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(1));

/** One full run: text -> resolved scenario -> model -> traces; each section timed. */
function runOnce(text, requests) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const { scenario, errors } = loadScenario(text);
  if (!scenario) throw new Error(`bench scenario rejected: ${JSON.stringify(errors.slice(0, 3))}`);
  const t1 = performance.now();
  const model = buildModel(scenario);
  const t2 = performance.now();
  for (const request of requests) {
    const { trace, errors: traceErrors } = tracePacket(model, request);
    if (!trace || trace.verdict !== 'delivered')
      throw new Error(
        `bench trace ${request.from} -> ${request.to} not delivered: ${trace?.reason ?? JSON.stringify(traceErrors)}`,
      );
  }
  const t3 = performance.now();
  const c = process.cpuUsage(c0);
  // CPU time (this process, GC threads included) alongside wall time: on a busy machine it is the steadier number.
  return { total: t3 - t0, load: t1 - t0, model: t2 - t1, trace: t3 - t2, cpu: (c.user + c.system) / 1000 };
}

/** Medians of each section over several runs (after warm-up runs that are thrown away). */
function measure(text, requests, runs, warmup) {
  for (let i = 0; i < warmup; i++) runOnce(text, requests);
  const samples = Array.from({ length: runs }, () => runOnce(text, requests));
  return Object.fromEntries(
    ['total', 'load', 'model', 'trace', 'cpu'].map((k) => [k, median(samples.map((s) => s[k]))]),
  );
}

/** A cloud of `nodes` dvr compute nodes with 10 VMs each (one per tenant network), one dvr_snat node, one router. */
function cloud(nodes) {
  const NETS = 10;
  const hosts = [{ name: 'network', agentMode: 'dvr_snat' }];
  for (let i = 1; i <= nodes; i++) hosts.push({ name: `compute${i}`, agentMode: 'dvr' });
  const networks = [{ name: 'public', external: true, subnet: { cidr: '203.0.113.0/24', gateway: '203.0.113.1' } }];
  // A /20 per network: 1,000 nodes put 1,000 VMs on each.
  for (let n = 0; n < NETS; n++) networks.push({ name: `net${n}`, subnet: { cidr: `10.${n}.0.0/20` } });
  const routers = [
    {
      name: 'router1',
      distributed: true,
      externalGateway: { network: 'public' },
      interfaces: networks.slice(1).map((n) => n.name),
    },
  ];
  const vms = [];
  for (let i = 1; i <= nodes; i++)
    for (let n = 0; n < NETS; n++) vms.push({ name: `vm${i}-${n}`, host: `compute${i}`, network: `net${n}` });
  const text = JSON.stringify({ version: 1, title: `${nodes} compute nodes`, hosts, networks, routers, vms });
  const requests = [
    { from: 'vm1-0', to: '8.8.8.8' },
    // East-west across hosts and subnets: the first node's VM to the last node's VM on another network.
    { from: 'vm1-0', to: `vm${nodes}-1` },
  ];
  return { text, requests, vmCount: vms.length };
}

console.log(
  `dvr-sim bench (node ${process.version}, built package ${DIST.replace(PKG + '/', '')}, load average ${loadavg()[0].toFixed(1)})\n`,
);

// (a) The seed scenario: loadScenario + buildModel + tracePacket(VM3 -> 8.8.8.8).
const seedText = readFileSync(join(PKG, 'src', 'examples', 'snat-seed.json'), 'utf8');
const seed = measure(seedText, [{ from: 'VM3', to: '8.8.8.8' }], 2000, 300);
console.log('seed scenario, VM3 -> 8.8.8.8 (median of 2000 runs, ms)');
console.log('  total     load      model     trace     goal');
console.log(
  `  ${fmt(seed.total).padEnd(9)} ${fmt(seed.load).padEnd(9)} ${fmt(seed.model).padEnd(9)} ${fmt(seed.trace).padEnd(9)} < 1 ms  ${seed.total < 1 ? 'ok' : 'OVER'}`,
);

// (b) Scale: 10, 100 and 1,000 compute nodes of 10 VMs each.
console.log('\nscale: load + model + trace VM -> 8.8.8.8 + east-west trace (median, ms)');
console.log('  nodes  VMs     runs  total     load      model     trace     cpu');
const times = {};
const cpus = {};
for (const [nodes, runs, warmup] of [
  [10, 21, 5],
  [100, 9, 2],
  [1000, 5, 1],
]) {
  const { text, requests, vmCount } = cloud(nodes);
  const t = measure(text, requests, runs, warmup);
  times[nodes] = t.total;
  cpus[nodes] = t.cpu;
  console.log(
    `  ${String(nodes).padEnd(6)} ${String(vmCount).padEnd(7)} ${String(runs).padEnd(5)} ${fmt(t.total).padEnd(9)} ${fmt(t.load).padEnd(9)} ${fmt(t.model).padEnd(9)} ${fmt(t.trace).padEnd(9)} ${fmt(t.cpu)}`,
  );
}
const ratio = times[1000] / times[100];
console.log(`\nt(1000)/t(100) = ${ratio.toFixed(2)}   goal <= 12   ${ratio <= 12 ? 'ok' : 'OVER'}`);
console.log(`t(100)/t(10)   = ${(times[100] / times[10]).toFixed(2)}`);
console.log(`cpu(1000)/cpu(100) = ${(cpus[1000] / cpus[100]).toFixed(2)}`);
