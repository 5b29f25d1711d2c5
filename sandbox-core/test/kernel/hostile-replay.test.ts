import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildModel, loadScenario, replayScript } from '../../src/index.js';
import { exampleScenario } from '../helpers.js';
import { NETNS_BASE, deleteNamespaces, kernelSkipReason, namespacesWithPrefix, run } from './kernel-runner.js';

// `dvr-sim replay` is run as root by instructors. Names a shell would act on must come out as inert text:
// printable ones (which the scenario checks accept) and, behind those checks, names with newlines and escape
// sequences forced into a model. Each script really runs here, under bash, in a scratch directory; it must
// create exactly its own namespaces and nothing else, and leave the directory empty.

const checks = vi.hoisted(() => ({ bypass: false }));
// Only to test the defence behind the checks: while `bypass` is set, the name check lets anything through.
vi.mock('../../src/scenario/name-rules.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/scenario/name-rules.js')>();
  return { ...actual, unprintableProblem: (text: string) => (checks.bypass ? null : actual.unprintableProblem(text)) };
});

const skipReason = kernelSkipReason();
const PREFIX = `${NETNS_BASE}${process.pid}-h`;

/** Printable names a shell would expand, split, chain or glob; all valid host names for the scenario checks. */
const SHELL_HOSTILE = [
  '$(touch pwned)',
  '`touch pwned`',
  "x'; touch pwned; echo '",
  'a && touch pwned',
  'b | tee pwned',
  '* > pwned',
  '"; touch pwned #',
];
/** Names the scenario checks refuse, forced into a model to test the quoting behind them. */
const CONTROL_HOSTILE = [
  'cmp1\ntouch pwned #',
  'cmp1\r\ntouch pwned',
  'cmp1\u001b[2J\ntouch pwned',
  'c\u2028touch pwned',
];

/** The floating-IP example with its compute1 host renamed (and the VMs on it following). */
function scenarioWithHost(name: string): string {
  const scenario = exampleScenario('floating-ip');
  const old: string = scenario.hosts[1].name;
  scenario.hosts[1].name = name;
  for (const vm of scenario.vms) if (vm.host === old) vm.host = name;
  return JSON.stringify(scenario);
}

async function runReplay(script: string[], dir: string): Promise<{ code: number; stderr: string; created: string[] }> {
  writeFileSync(join(dir, '..', `${dir.split('/').pop()}.sh`), script.join('\n') + '\n');
  const r = await run('bash', [
    '-c',
    `cd "$1" && bash "$2"`,
    'replay',
    dir,
    join(dir, '..', `${dir.split('/').pop()}.sh`),
  ]);
  return { code: r.code, stderr: r.stderr, created: readdirSync(dir) };
}

describe.skipIf(skipReason !== null)('replay on hostile names runs as inert text', () => {
  const root = mkdtempSync(join(tmpdir(), 'dvr-hostile-'));
  let serial = 0;
  afterAll(async () => {
    await deleteNamespaces(await namespacesWithPrefix(PREFIX));
    rmSync(root, { recursive: true, force: true });
  });

  const cases = [
    ...SHELL_HOSTILE.map((name) => ({ name, forced: false })),
    ...CONTROL_HOSTILE.map((name) => ({ name, forced: true })),
  ];
  for (const { name, forced } of cases) {
    it(`replay of host ${JSON.stringify(name)} ${forced ? '(forced past the checks) ' : ''}creates its namespaces and runs nothing else`, async () => {
      const text = scenarioWithHost(name);
      // The checks refuse a forced name (test/corpus/schema/*-control-character.case); the replay must be safe anyway.
      if (forced) expect(loadScenario(text).scenario).toBeNull();
      checks.bypass = forced;
      const { scenario, errors } = loadScenario(text);
      checks.bypass = false;
      expect(errors).toEqual([]);
      const model = buildModel(scenario!);
      const prefix = `${PREFIX}${(serial++).toString(36)}-`;
      const script = replayScript(model, name, { prefix });
      expect(script).not.toBeNull();
      const dir = mkdtempSync(join(root, 'run-'));
      const result = await runReplay(script!, dir);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.created).toEqual([]);
      // fip, qrouter, the host's root (its VM's qbr and security group chains) and the scratch namespace.
      expect((await namespacesWithPrefix(prefix)).sort()).toEqual([
        `${prefix}f1`,
        `${prefix}h`,
        `${prefix}q1`,
        `${prefix}x`,
      ]);
      await deleteNamespaces(await namespacesWithPrefix(prefix));
    });
  }
});
