import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  renderBrctlShow,
  renderHostIptables,
  renderView,
  replayNamespaces,
  replayScript,
  type Model,
  type Trace,
} from '../../src/index.js';
import { deleteNamespaces, groupSteps, rootTools, run, type RunResult, type Step } from './kernel-runner.js';

/**
 * Replays one host of a model in fresh namespaces and asks the kernel to referee: its own
 * `ip rule` and `ip route show table all` against the simulator's views, and `ip route get`
 * for every routing decision the simulator's traces took in that host's namespaces.
 */

/** What the simulator decided for one packet in one namespace. */
export type Expected =
  { kind: 'route'; table: string; via: string | null; dev: string } | { kind: 'local' } | { kind: 'unreachable' };

/** One routing decision of a trace: the packet as the tracer routed it, and the outcome. */
export interface Decision {
  host: string;
  /** The simulator's namespace name. */
  ns: string;
  src: string;
  dst: string;
  /** The input device, or null for a packet the namespace itself sends. */
  iif: string | null;
  expected: Expected;
  /** Which scenario, request and hop, for the report. */
  origin: string;
}

/** Counts and disagreements of a check. */
export interface CheckResult {
  hosts: number;
  decisions: number;
  viewLines: number;
  problems: string[];
}

/** The routing decisions of a trace and its reply: each `ip route` hop in a namespace. */
export function routingDecisions(trace: Trace, origin: string): Decision[] {
  const out: Decision[] = [];
  const walk = (t: Trace, label: string) => {
    t.hops.forEach((hop, i) => {
      if (hop.stage.name !== 'ip route' || hop.host === null) return;
      const base = {
        host: hop.host,
        ns: hop.where,
        src: hop.packet.ipSrc,
        dst: hop.packet.ipDst,
        origin: `${origin} ${label} step ${hop.step}`,
      };
      if (hop.rule === null) return out.push({ ...base, iif: hop.device, expected: { kind: 'unreachable' } });
      if (hop.rule.startsWith('local ')) return out.push({ ...base, iif: hop.device, expected: { kind: 'local' } });
      // A routed packet: the `ip rule` hop just before names the input device, this one the route.
      const prev = t.hops[i - 1];
      const iif = prev && prev.stage.name === 'ip rule' && prev.where === hop.where ? prev.device : null;
      out.push({
        ...base,
        iif,
        expected: {
          kind: 'route',
          table: hop.stage.table ?? 'main',
          via: hop.rule.match(/\bvia (\S+)/)?.[1] ?? null,
          dev: hop.rule.match(/\bdev (\S+)/)![1]!,
        },
      });
    });
  };
  walk(trace, 'forward');
  if (trace.reply) walk(trace.reply, 'reply');
  return out;
}

/** What `ip route get` answered, parsed from its first line. */
interface Answer {
  type: string;
  table: string;
  via: string | null;
  dev: string | null;
  text: string;
}

function parseRouteGet(lines: string[]): Answer {
  const text = lines[0]?.trim() ?? '';
  const tokens = text.split(/\s+/);
  const type = /^(local|broadcast|unreachable|prohibit|blackhole|multicast|unicast)$/.test(tokens[0] ?? '')
    ? tokens.shift()!
    : 'unicast';
  const value = (key: string) => {
    const i = tokens.indexOf(key);
    return i >= 1 && i + 1 < tokens.length ? tokens[i + 1]! : null;
  };
  return { type, table: value('table') ?? 'main', via: value('via'), dev: value('dev'), text };
}

function describeExpected(e: Expected): string {
  if (e.kind === 'route') return `${e.via ? `via ${e.via} ` : ''}dev ${e.dev} table ${e.table}`;
  return e.kind;
}

/**
 * Compares one decision with the kernel's answer; null when they agree. `merged`: the namespace has
 * only the default rules, so the kernel still keeps the local table merged into main (fib_unmerge
 * happens at the first custom rule) and `route get` names main for a local route.
 */
function disagreement(d: Decision, answer: Answer | null, error: string | null, merged: boolean): string | null {
  const e = d.expected;
  if (answer === null) return e.kind === 'unreachable' ? null : `kernel: ${error ?? 'no answer'}`;
  if (e.kind === 'unreachable') return `kernel routes it: ${answer.text}`;
  if (e.kind === 'local')
    return answer.type === 'local' && (answer.table === 'local' || (merged && answer.table === 'main'))
      ? null
      : `kernel: ${answer.text}`;
  if (answer.type !== 'unicast' || answer.dev !== e.dev || answer.via !== e.via || answer.table !== e.table)
    return `kernel: ${answer.text}`;
  return null;
}

/** Splits a batch's output at the marker command (`link show dev lo`) that follows each query. */
function splitSections(stdout: string): string[][] {
  const sections: string[][] = [[]];
  const lines = stdout.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^1: lo: </.test(line)) {
      sections.push([]);
      if (lines[i + 1]?.startsWith('    link/loopback')) i++;
      continue;
    }
    sections[sections.length - 1]!.push(line);
  }
  return sections;
}

/** Kernel text as the simulator prints it: iproute2 ends each route line with a blank. */
function normalise(lines: string[]): string[] {
  const out = lines.map((l) => l.trimEnd());
  while (out.length && out[out.length - 1] === '') out.pop();
  return out;
}

function compareView(what: string, simulated: string, kernel: string[]): { lines: number; problem: string | null } {
  const sim = simulated === '' ? [] : simulated.split('\n');
  const k = normalise(kernel);
  const lines = Math.max(sim.length, k.length);
  if (sim.length === k.length && sim.every((l, i) => l === k[i])) return { lines, problem: null };
  const first = sim.findIndex((l, i) => l !== k[i]);
  const at = first < 0 ? Math.min(sim.length, k.length) : first;
  return {
    lines,
    problem: `${what} differs from line ${at + 1}:\n--- simulator\n${sim.join('\n')}\n--- kernel\n${k.join('\n')}`,
  };
}

/** The here-document terminator of the generated shell script (no replay line can equal it). */
const EOF_MARK = 'DVR_REPLAY_EOF';

/** A shell fragment running one step, skipped once a step of the same host failed. */
function shellStep(step: Step, hostIndex: number, stepIndex: number): string {
  const argv = step.kind === 'ip' ? 'ip -batch -' : `ip -n ${step.ns} -batch -`;
  const body = step.lines;
  return [
    'if [ "$ok" = 1 ]; then',
    `if ! ${argv} 2>"$T/err" <<'${EOF_MARK}'`,
    ...body,
    EOF_MARK,
    'then',
    `ok=0; echo "@@@FAIL ${hostIndex} ${stepIndex}"; cat "$T/err"`,
    'fi',
    'fi',
  ].join('\n');
}

/**
 * Replays every host of a model (each under its own prefix), compares views and decisions, and
 * always deletes the namespaces. Starting a process from a large Node process is what costs time
 * here, so the whole scenario (replay of each host, then one query batch per namespace, then the
 * deletion) runs as one small shell script whose output is split at `@@@` marker lines.
 */
export async function checkHosts(
  model: Model,
  prefixOf: (host: string) => string,
  decisions: Decision[],
  label: string,
): Promise<CheckResult> {
  const result: CheckResult = { hosts: 0, decisions: 0, viewLines: 0, problems: [] };
  const plans = model
    .hostNames()
    .map((host) => ({ host, prefix: prefixOf(host) }))
    .map(({ host, prefix }) => ({
      host,
      plan: replayNamespaces(model, host, { prefix })!,
      // Without iptables and ipset on this machine the security group chains are left out of the replay.
      steps: groupSteps(
        replayScript(model, host, { prefix })!.filter(
          (line) => rootTools.iptables || !/^ip netns exec \S+ (iptables|ipset) /.test(line),
        ),
      ),
    }))
    .filter((p) => p.plan.names.size > 0 || p.plan.root !== null);
  result.hosts = plans.length;
  if (plans.length === 0) return result;
  const created = plans.flatMap((p) => [
    ...p.plan.names.values(),
    ...(p.plan.root ? [p.plan.root] : []),
    p.plan.scratch,
  ]);
  const queries: { host: string; simNs: string; kNs: string; asked: Decision[] }[] = [];
  const script: string[] = ['T="$1"'];
  plans.forEach((p, h) => {
    script.push('ok=1');
    p.steps.forEach((step, k) => script.push(shellStep(step, h, k)));
    // The host's root namespace: the qbr plumbing as `brctl show` sees it, and the filter table.
    if (p.plan.root) {
      script.push('if [ "$ok" = 1 ]; then');
      if (rootTools.iptables) script.push(`echo "@@@IPTABLES ${h}"`, `ip netns exec ${p.plan.root} iptables -S 2>&1`);
      if (rootTools.brctl) script.push(`echo "@@@BRCTL ${h}"`, `ip netns exec ${p.plan.root} brctl show 2>&1`);
      script.push('fi');
    }
    for (const [simNs, kNs] of p.plan.names) {
      const seen = new Map<string, Decision>();
      for (const d of decisions) {
        if (d.host !== p.host || d.ns !== simNs) continue;
        const key = `${d.src} ${d.dst} ${d.iif}`;
        const before = seen.get(key);
        if (!before) seen.set(key, d);
        else if (JSON.stringify(before.expected) !== JSON.stringify(d.expected)) {
          result.problems.push(
            `${label} host ${p.host} ${simNs}: the simulator decided ${key} two ways (${before.origin}; ${d.origin})`,
          );
        }
      }
      const asked = [...seen.values()];
      const marker = 'link show dev lo';
      const batch = ['rule show', marker, 'route show table all', marker];
      for (const d of asked) batch.push(`route get ${d.dst} from ${d.src}${d.iif ? ` iif ${d.iif}` : ''}`, marker);
      // An rfp-/fpr- pair gets its carrier when its second end comes up, and the kernel clears the
      // linkdown mark of the first end's routes asynchronously (linkwatch): wait for it, up to 5 s.
      const ns = model.host(p.host)!.namespaces.find((n) => n.name === simNs)!;
      if (ns.devices.some((dev) => dev.peer)) {
        script.push(
          'n=0',
          'while [ "$ok" = 1 ] && [ $n -lt 50 ]; do',
          `case "$(ip -4 -n ${kNs} route show table all 2>/dev/null)" in *linkdown*) sleep 0.1; n=$((n+1));; *) break;; esac`,
          'done',
        );
      }
      script.push(
        'if [ "$ok" = 1 ]; then',
        `echo "@@@QUERY ${queries.length}"`,
        `ip -4 -n ${kNs} -force -batch - 2>"$T/err" <<'${EOF_MARK}'`,
        ...batch,
        EOF_MARK,
        'echo "@@@STDERR"',
        'cat "$T/err"',
        'fi',
      );
      queries.push({ host: p.host, simNs, kNs, asked });
    }
  });
  script.push(
    'echo "@@@END"',
    `ip -force -batch - <<'${EOF_MARK}' >/dev/null 2>&1`,
    ...created.map((n) => `netns del ${n}`),
    EOF_MARK,
    'echo "@@@DELETED"',
  );

  const dir = mkdtempSync(join(tmpdir(), 'dvr-kernel-'));
  let out: RunResult | null = null;
  try {
    writeFileSync(join(dir, 'replay.sh'), script.join('\n') + '\n');
    out = await run('sh', [join(dir, 'replay.sh'), dir]);
  } finally {
    if (!out?.stdout.includes('@@@DELETED')) await deleteNamespaces(created);
    rmSync(dir, { recursive: true, force: true });
  }

  // Split the output at the marker lines.
  const blocks: { head: string; lines: string[] }[] = [];
  for (const line of out.stdout.split('\n')) {
    if (line.startsWith('@@@')) blocks.push({ head: line.slice(3), lines: [] });
    else blocks[blocks.length - 1]?.lines.push(line);
  }
  if (out.code !== 0 || !blocks.some((b) => b.head === 'END'))
    result.problems.push(`${label}: the replay script stopped (exit ${out.code}): ${out.stderr.trim()}`);
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b]!;
    const fail = block.head.match(/^FAIL (\d+) (\d+)$/);
    if (fail) {
      const p = plans[Number(fail[1])]!;
      const step = p.steps[Number(fail[2])]!;
      result.problems.push(
        `${label} host ${p.host}: the kernel refused the replay (${step.kind}${step.ns ? ` in ${step.ns}` : ''}): ${block.lines.join('\n').trim()}\n  commands:\n    ${step.lines.join('\n    ')}`,
      );
    }
    const root = block.head.match(/^(IPTABLES|BRCTL) (\d+)$/);
    if (root) {
      const p = plans[Number(root[2])]!;
      const state = model.host(p.host)!;
      // Today's iptables prints MACs in lower case where Juno's (1.4) printed upper case: compared without case.
      const [what, simulated, kernel] =
        root[1] === 'IPTABLES'
          ? ['iptables -S', renderHostIptables(state).toLowerCase(), block.lines.map((l) => l.toLowerCase())]
          : ['brctl show', renderBrctlShow(state), block.lines];
      const cmp = compareView(what, simulated, kernel);
      result.viewLines += cmp.lines;
      if (cmp.problem) result.problems.push(`${label} host ${p.host} root (${p.plan.root}): ${cmp.problem}`);
      continue;
    }
    const query = block.head.match(/^QUERY (\d+)$/);
    if (!query) continue;
    const q = queries[Number(query[1])]!;
    const stderr = blocks[b + 1]?.head === 'STDERR' ? blocks[b + 1]!.lines : [];
    const sections = splitSections(block.lines.join('\n'));
    const errors = stderr.filter((l) => /^(RTNETLINK answers|Error):/.test(l));
    for (const [what, i] of [
      ['ip rule', 0],
      ['ip route show table all', 1],
    ] as const) {
      const cmp = compareView(what, renderView(model, q.host, q.simNs, what) ?? '', sections[i] ?? []);
      result.viewLines += cmp.lines;
      if (cmp.problem) result.problems.push(`${label} host ${q.host} ${q.simNs} (${q.kNs}): ${cmp.problem}`);
    }
    const merged = model.host(q.host)!.namespaces.find((n) => n.name === q.simNs)!.rules.length === 3;
    q.asked.forEach((d, i) => {
      const lines = normalise(sections[2 + i] ?? []);
      const answer = lines.length ? parseRouteGet(lines) : null;
      const error = answer ? null : (errors.shift() ?? null);
      result.decisions++;
      const problem = disagreement(d, answer, error, merged);
      if (problem) {
        result.problems.push(
          `${label} ${d.origin}: in ${q.simNs} on ${q.host}, route get ${d.dst} from ${d.src}${d.iif ? ` iif ${d.iif}` : ''}: simulator ${describeExpected(d.expected)}; ${problem}`,
        );
      }
    });
  }
  return result;
}
