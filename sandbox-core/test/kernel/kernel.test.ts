import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildModel,
  examples,
  formatIpv4,
  loadScenario,
  tracePacket,
  type Model,
  type TraceRequest,
} from '../../src/index.js';
import { requestArb, scenarioArb } from '../arbitraries.js';
import { checkHosts, routingDecisions, type Decision } from './kernel-check.js';
import { edgeScenarios } from './edge-scenarios.js';
import {
  NETNS_BASE,
  deleteLeftovers,
  deleteNamespaces,
  kernelSkipReason,
  namespacesWithPrefix,
  pool,
  rootTools,
} from './kernel-runner.js';

// The Linux kernel referees the simulator: each host's routing namespaces are replayed with
// `dvr-sim replay`, then the kernel's `ip rule`, `ip route show table all` and `ip route get`
// answers are compared with the simulator's views and traces. No packet is ever sent.

const SEED = 20141016;
/** KERNEL_SCENARIOS overrides the count, for a quicker local run. */
const RANDOM_SCENARIOS = Number(process.env.KERNEL_SCENARIOS ?? 150);
/** Scenarios replayed at once (each one shell script running its hosts one after another). */
const SCENARIO_CONCURRENCY = 3;
const RUN_PREFIX = `${NETNS_BASE}${process.pid}-`;

const skipReason = kernelSkipReason();
if (skipReason) console.log(`kernel tests skipped: ${skipReason}`);
else if (!rootTools.iptables || !rootTools.brctl)
  console.log(
    `kernel check without ${[!rootTools.iptables && 'the security group filter table (needs iptables and ipset)', !rootTools.brctl && '`brctl show` (needs bridge-utils)'].filter(Boolean).join(' and ')}`,
  );

let serial = 0;
const totals = {
  scenarios: 0,
  hosts: 0,
  decisions: 0,
  viewLines: 0,
  routed: 0,
  local: 0,
  unreachable: 0,
  fromNamespace: 0,
};

/** A scenario to check and the requests whose traces give the routing decisions. */
interface Case {
  label: string;
  model: Model;
  requests: TraceRequest[];
}

/** Traces every request, replays every host, and returns every disagreement. */
async function checkCase(c: Case): Promise<string[]> {
  const decisions: Decision[] = [];
  const problems: string[] = [];
  for (const request of c.requests) {
    const { trace } = tracePacket(c.model, request);
    if (!trace) continue; // a request the simulator rejects (e.g. a VM to itself) makes no decision
    decisions.push(
      ...routingDecisions(
        trace,
        `${c.label} ${request.from} -> ${request.to}${request.proto ? ` ${request.proto}` : ''}`,
      ),
    );
  }
  const result = await checkHosts(c.model, () => `${RUN_PREFIX}${(serial++).toString(36)}-`, decisions, c.label);
  totals.scenarios++;
  totals.hosts += result.hosts;
  totals.decisions += result.decisions;
  totals.viewLines += result.viewLines;
  problems.push(...result.problems);
  // Every decision was in a replayed namespace of some host, and was asked of the kernel once.
  const replayed = result.decisions;
  const unique = new Map(decisions.map((d) => [`${d.host} ${d.ns} ${d.src} ${d.dst} ${d.iif}`, d]));
  const distinct = unique.size;
  for (const d of unique.values()) {
    totals[d.expected.kind === 'route' ? 'routed' : d.expected.kind]++;
    if (d.iif === null) totals.fromNamespace++;
  }
  if (replayed !== distinct)
    problems.push(`${c.label}: ${distinct} distinct decisions but ${replayed} were asked of the kernel`);
  // Printed as found, whole: the assertion's diff truncates long lists.
  if (problems.length) console.log(`kernel disagreements in ${c.label}:\n${problems.join('\n')}`);
  return problems;
}

function modelOf(text: string, label: string): Model {
  const { scenario, errors } = loadScenario(text);
  if (!scenario) throw new Error(`${label}: ${JSON.stringify(errors)}`);
  return buildModel(scenario);
}

/** Requests that exercise every VM: out to the internet, to the next VM, to and from every floating IP, plus random ones. */
function requestsFor(model: Model, text: string, scenario: unknown, seed: number): TraceRequest[] {
  const vms = model.scenario.vms;
  const fips = vms.filter((v) => v.floatingIp !== null).map((v) => formatIpv4(v.floatingIp!));
  const out: TraceRequest[] = [];
  vms.forEach((vm, i) => {
    out.push({ from: vm.name, to: '8.8.8.8' });
    if (vms.length > 1) out.push({ from: vm.name, to: vms[(i + 1) % vms.length]!.name, proto: 'tcp', dport: 22 });
  });
  for (const fip of fips) {
    out.push({ from: '8.8.8.8', to: fip });
    if (vms.length) out.push({ from: vms[0]!.name, to: fip });
  }
  // Addresses of the routers themselves: local delivery, and the namespace's own answer.
  for (const vm of vms) if (vm.router) out.push({ from: vm.name, to: formatIpv4(vm.network.gateway) });
  for (const router of model.scenario.routers) {
    if (!router.gateway) continue;
    out.push({ from: '8.8.8.8', to: formatIpv4(router.gateway.qg.ip) });
    const vm = vms.find((v) => v.router === router);
    if (vm) out.push({ from: vm.name, to: formatIpv4(router.gateway.qg.ip) });
  }
  const extra = fc.sample(requestArb({ scenario: scenario as never, text }), { seed, numRuns: 4 });
  out.push(...extra.map((r) => r.request));
  return out;
}

describe.skipIf(skipReason !== null)('the Linux kernel agrees with the simulator', () => {
  beforeAll(async () => {
    const removed = await deleteLeftovers();
    if (removed) console.log(`kernel tests: removed ${removed} namespaces left by earlier runs`);
  });

  afterAll(async () => {
    await deleteNamespaces(await namespacesWithPrefix(RUN_PREFIX));
    console.log(
      `kernel tests: ${totals.scenarios} scenarios, ${totals.hosts} hosts replayed, ${totals.decisions} routing decisions (${totals.routed} routed, ${totals.local} local, ${totals.unreachable} unreachable; ${totals.fromNamespace} sent by a namespace itself) and ${totals.viewLines} view lines compared with the kernel`,
    );
  });

  for (const example of examples) {
    it(`example ${example.id}: every walk's routing decisions and every host's ip rule / ip route views match the kernel`, async () => {
      const text = JSON.stringify(example.scenario);
      const model = modelOf(text, example.id);
      const requests = [
        example.request,
        ...example.walks.map((w) => w.request),
        ...requestsFor(model, text, example.scenario, SEED),
      ];
      expect(await checkCase({ label: `example ${example.id}`, model, requests })).toEqual([]);
    });
  }

  for (const edge of edgeScenarios) {
    it(`edge case ${edge.id}: ${edge.why}`, async () => {
      const text = JSON.stringify(edge.scenario);
      const model = modelOf(text, edge.id);
      expect(
        await checkCase({ label: `edge ${edge.id}`, model, requests: requestsFor(model, text, edge.scenario, SEED) }),
      ).toEqual([]);
    });
  }

  it(`${RANDOM_SCENARIOS} random valid scenarios (seed ${SEED}): routing decisions and views match the kernel`, async () => {
    const generated = fc.sample(scenarioArb, { seed: SEED, numRuns: RANDOM_SCENARIOS });
    // A few scenarios at a time, a few hosts at a time inside each: a bounded number of namespaces.
    const found = await pool(generated, SCENARIO_CONCURRENCY, async (g, i) => {
      const label = `random #${i}`;
      const model = modelOf(g.text, label);
      const problems = await checkCase({ label, model, requests: requestsFor(model, g.text, g.scenario, SEED + i) });
      return problems.length ? [`${label} scenario:\n${g.text}`, ...problems.slice(0, 10)] : [];
    });
    expect(found.flat()).toEqual([]);
  }, 600_000);
});
