import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel, examples, loadScenario, replayNamespaces, replayScript, runCommand } from '../../src/index.js';
import { routeQueries } from '../console-commands.js';
import {
  NETNS_BASE,
  deleteLeftovers,
  deleteNamespaces,
  groupSteps,
  kernelSkipReason,
  namespacesWithPrefix,
  run,
} from './kernel-runner.js';

// The console's `ip route get` against the kernel's: each example host is replayed in fresh namespaces,
// and every query of the golden files (the walks' routing decisions, and packets the namespaces send
// themselves) is asked of both. The whole answer is compared, text and exit status.

const RUN_PREFIX = `${NETNS_BASE}${process.pid}c-`;
const skipReason = kernelSkipReason();
let serial = 0;
let asked = 0;

/** Kernel text as the console prints it: without iproute2's trailing blanks. */
const trimLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l, i, all) => l !== '' || i < all.length - 1)
    .join('\n')
    .trim();

describe.skipIf(skipReason !== null)('the console’s ip route get agrees with the kernel', () => {
  beforeAll(async () => {
    await deleteLeftovers();
  });
  afterAll(async () => {
    await deleteNamespaces(await namespacesWithPrefix(RUN_PREFIX));
    console.log(`console kernel check: ${asked} ip route get answers compared with the kernel`);
  });

  for (const example of examples) {
    it(`runCommand(${example.id}, 'ip netns exec <qrouter|snat|fip> ip route get …') prints what the kernel answers`, async () => {
      const model = buildModel(loadScenario(JSON.stringify(example.scenario)).scenario!);
      const queries = routeQueries(example, model);
      const problems: string[] = [];
      for (const host of model.hostNames()) {
        const prefix = `${RUN_PREFIX}${(serial++).toString(36)}-`;
        const plan = replayNamespaces(model, host, { prefix })!;
        // The replay builds the routing namespaces (qrouter, snat, fip); qdhcp ones are not replayed.
        const mine = queries.filter((q) => q.host === host && plan.names.has(q.ns));
        if (mine.length === 0) continue;
        try {
          for (const step of groupSteps(replayScript(model, host, { prefix })!)) {
            const argv = step.kind === 'ip' ? ['-batch', '-'] : ['-n', step.ns!, '-batch', '-'];
            const r = await run('ip', argv, step.lines.join('\n') + '\n');
            if (r.code !== 0) throw new Error(`replay of ${host} failed: ${r.stderr}`);
          }
          for (const q of mine) {
            const kNs = plan.names.get(q.ns)!;
            // An rfp-/fpr- pair's routes lose their linkdown mark asynchronously once both ends are up.
            for (let i = 0; i < 50; i++) {
              const routes = await run('ip', ['-4', '-n', kNs, 'route', 'show', 'table', 'all']);
              if (!routes.stdout.includes('linkdown')) break;
              await new Promise((r) => setTimeout(r, 100));
            }
            const kernel = await run('ip', ['-n', kNs, 'route', 'get', ...q.args.split(' ')]);
            const console_ = runCommand(model, host, `ip netns exec ${q.ns} ip route get ${q.args}`);
            asked++;
            const k = trimLines(kernel.stdout + kernel.stderr);
            const c = trimLines(console_.output);
            if (k !== c || kernel.code !== console_.exitCode)
              problems.push(
                `${host} ${q.ns}: ip route get ${q.args}\n  console (exit ${console_.exitCode}): ${c}\n  kernel  (exit ${kernel.code}): ${k}`,
              );
          }
        } finally {
          await deleteNamespaces([...plan.names.values(), plan.scratch]);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
