import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { addressBudget, configFiles, exampleById, simulate, troubleshootingSteps } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { budgetsHtml } from './view-model/address-budget-view';
import { hostViewHtml, hostViewLines, traceRules } from './view-model/host-lines-view';
import { nodeFiles, nodesHtml } from './view-model/config-files-view';
import { scenarioText } from './view-model/example-data';
import { stepsHtml } from './view-model/troubleshoot-view';

/** The course's own code, browser and simulator: everything a scenario, a share link or storage can reach. */
const ROOTS = ['src', 'sandbox-core/src'];
const root = new URL('..', import.meta.url).pathname;

/** Source files under the roots, tests excepted (they may build hostile strings on purpose). */
function sources(): string[] {
  return ROOTS.flatMap((dir) =>
    (readdirSync(join(root, dir), { recursive: true }) as string[])
      .filter((file) => /\.(ts|astro|mjs|js)$/.test(file) && !/\.test\.ts$/.test(file))
      .map((file) => join(root, dir, file)),
  );
}

/** Where each pattern occurs, as `path:line`. */
function occurrences(pattern: RegExp): string[] {
  return sources().flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        pattern.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line) ? [`${relative(root, file)}:${i + 1}`] : [],
      ),
  );
}

/**
 * The only places that write HTML strings into the page: the four views the simulator's results fill in,
 * in the browser and at build time, whose renderers (`…Html()`) escape every value; and Claim, which
 * re-emits the chapter author's own slot at build time.
 */
const DATA_HTML_WRITERS = [
  'src/components/AddressBudget.astro',
  'src/components/ConfigFiles.astro',
  'src/components/HostView.astro',
  'src/components/Troubleshoot.astro',
  'src/islands/address-budget/dvr-address-budget.ts',
  'src/islands/config-files/dvr-config-files.ts',
  'src/islands/host-view/dvr-host-view.ts',
  'src/islands/troubleshoot/dvr-troubleshoot.ts',
];
const HTML_WRITERS = [...DATA_HTML_WRITERS, 'src/components/Claim.astro'];

describe('the course never turns data into code or markup', () => {
  it('has no eval, new Function or string timers (the Content-Security-Policy forbids them too)', () => {
    expect(occurrences(/\beval\s*\(|\bFunction\s*\(|set(Timeout|Interval)\s*\(\s*['"`]|\bimportScripts\b/)).toEqual([]);
  });

  it('writes HTML strings only in the known renderers, which escape every value', () => {
    const writers = occurrences(
      /innerHTML|outerHTML|insertAdjacentHTML|document\.write|set:html|\.html\s*\(|srcdoc|setHTMLUnsafe|parseHTMLUnsafe|createContextualFragment|DOMParser/,
    ).map((at) => at.replace(/:\d+$/, ''));
    expect([...new Set(writers)].sort()).toEqual([...HTML_WRITERS].sort());
    for (const file of DATA_HTML_WRITERS)
      expect(readFileSync(join(root, file), 'utf8'), file).toMatch(/from '[./\w-]*-view'/);
  });

  it('those renderers turn names full of markup into text', () => {
    // Every name in the troubleshooting example (hosts, networks, router, VMs) becomes markup.
    const example = exampleById('troubleshooting')!;
    const evil = (name: string) => `${name}<img src=x onerror=alert(1)>"'&`;
    const scenario = JSON.parse(scenarioText(example.scenario));
    const rename = new Map<string, string>();
    for (const list of ['hosts', 'networks', 'routers', 'vms'])
      for (const item of scenario[list]) rename.set(item.name, (item.name = evil(item.name)));
    // References to those names (a VM's host and network, a router's interfaces...) follow the rename.
    const swap = (value: unknown): unknown => {
      if (typeof value === 'string') return rename.get(value) ?? value;
      if (Array.isArray(value)) return value.map(swap);
      if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'name' ? v : swap(v)]));
      return value;
    };
    const text = JSON.stringify(swap(scenario));
    const sim = simulate(text, { ...example.request, from: rename.get(example.request.from) ?? example.request.from });
    expect(sim.errors).toEqual([]);
    const html = [
      stepsHtml(troubleshootingSteps(sim.model!, sim.trace!)),
      nodesHtml(nodeFiles(sim.model!, configFiles), 'config'),
      budgetsHtml(addressBudget(text)),
      // A host view prints what the host state holds; a line carrying a renamed VM stands for any such text.
      hostViewHtml(
        hostViewLines(`vm ${rename.get('VM3')!}`, traceRules(sim.trace, rename.get('compute1')!, 'qrouter'), ''),
      ),
    ];
    for (const out of html) {
      expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(out).not.toMatch(/<img|onerror=alert\(1\)>/);
    }
  });
});
