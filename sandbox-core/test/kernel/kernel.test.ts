import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, examples, formatIpv4, loadScenario, tracePacket, type Model, type TraceRequest } from '../../src/index.js';
import { requestArb, scenarioArb } from '../arbitraries.js';
import { checkHost, routingDecisions, type CheckResult, type Decision } from './kernel-check.js';
import { edgeScenarios } from './edge-scenarios.js';
import { NETNS_BASE, deleteLeftovers, deleteNamespaces, kernelSkipReason, namespacesWithPrefix, pool } from './kernel-runner.js';

// The Linux kernel referees the simulator: each host's routing namespaces are replayed with
// `dvr-sim replay`, then the kernel's `ip rule`, `ip route show table all` and `ip route get`
// answers are compared with the simulator's views and traces. No packet is ever sent.

const SEED = 20141016;
const RANDOM_SCENARIOS = 150;
/** Hosts replayed at once: each step is a process, and processes are slow to start here. */
const CONCURRENCY = 6;
const RUN_PREFIX = `${NETNS_BASE}${process.pid}-`;

const skipReason = kernelSkipReason();
if (skipReason) console.log(`kernel tests skipped: ${skipReason}`);

let serial = 0;
const totals = { scenarios: 0, hosts: 0, decisions: 0, viewLines: 0 };

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
    decisions.push(...routingDecisions(trace, `${c.label} ${request.from} -> ${request.to}${request.proto ? ` ${request.proto}` : ''}`));
  }
  const hosts = c.model.hostNames();
  const results: CheckResult[] = await pool(hosts, CONCURRENCY, (host) => checkHost(c.model, host, `${RUN_PREFIX}${(serial++).toString(36)}-`, decisions, c.label));
  totals.scenarios++;
  for (const r of results) {
    if (r.viewLines) totals.hosts++;
    totals.decisions += r.decisions;
    totals.viewLines += r.viewLines;
    problems.push(...r.problems);
  }
  // Every decision was in a replayed namespace of some host.
  const replayed = results.reduce((n, r) => n + r.decisions, 0);
  const distinct = new Set(decisions.map((d) => `${d.host} ${d.ns} ${d.src} ${d.dst} ${d.iif}`)).size;
  if (replayed !== distinct) problems.push(`${c.label}: ${distinct} distinct decisions but ${replayed} were asked of the kernel`);
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
      `kernel tests: ${totals.scenarios} scenarios, ${totals.hosts} hosts replayed, ${totals.decisions} routing decisions and ${totals.viewLines} view lines compared with the kernel`,
    );
  });

  for (const example of examples) {
    it(`example ${example.id}: every walk's routing decisions and every host's ip rule / ip route views match the kernel`, async () => {
      const text = JSON.stringify(example.scenario);
      const model = modelOf(text, example.id);
      const requests = [example.request, ...example.walks.map((w) => w.request), ...requestsFor(model, text, example.scenario, SEED)];
      expect(await checkCase({ label: `example ${example.id}`, model, requests })).toEqual([]);
    });
  }

  for (const edge of edgeScenarios) {
    it(`edge case ${edge.id}: ${edge.why}`, async () => {
      const text = JSON.stringify(edge.scenario);
      const model = modelOf(text, edge.id);
      expect(await checkCase({ label: `edge ${edge.id}`, model, requests: requestsFor(model, text, edge.scenario, SEED) })).toEqual([]);
    });
  }

  it(`${RANDOM_SCENARIOS} random valid scenarios (seed ${SEED}): routing decisions and views match the kernel`, async () => {
    const generated = fc.sample(scenarioArb, { seed: SEED, numRuns: RANDOM_SCENARIOS });
    const problems: string[] = [];
    // Scenarios one after another, hosts in parallel inside each: bounded namespaces at any time.
    for (const [i, g] of generated.entries()) {
      const label = `random #${i}`;
      const model = modelOf(g.text, label);
      const found = await checkCase({ label, model, requests: requestsFor(model, g.text, g.scenario, SEED + i) });
      if (found.length) problems.push(`${label} scenario:\n${g.text}`, ...found);
      if (problems.length > 40) break; // enough to read; the rest would repeat
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
