/**
 * Fault-finding labs are tests too: every <FaultLab> of a chapter is read from its MDX and run on the simulator. Its
 * broken scenario must show the symptom (the walk fails), and its model fix must remove it without breaking any
 * walk the chapter teaches on that example. FaultLab.astro fails the build on the same checks.
 */
import { checkClaim, exampleById } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { contentPages } from './test-support/content-pages';
import { scenarioText } from './view-model/example-data';
import { extractUsages } from './view-model/exercise-spec';
import {
  checkFaultLab,
  faultLabFromProps,
  guardedWalks,
  judgeLab,
  ROUND_TRIP,
  type FaultLabSpec,
} from './view-model/fault-lab-spec';

const pages = contentPages().map((p) => ({ ...p, usages: extractUsages(p.text) }));
const labs = pages.flatMap((p) =>
  p.usages
    .filter((u) => u.component === 'FaultLab')
    .map((u) => ({ page: p, line: u.line, spec: faultLabFromProps(u.props as never) })),
);

function setUp(page: (typeof pages)[number], spec: FaultLabSpec) {
  const example = exampleById(spec.example)!;
  const exampleText = scenarioText(example.scenario);
  const guarded = guardedWalks(
    checkClaim,
    exampleText,
    spec.example,
    example.walks.map((w) => w.request),
    page.usages,
    spec.request,
  );
  return { example, guarded, checked: checkFaultLab(checkClaim, example.scenario, spec, scenarioText, guarded) };
}

describe('fault-finding labs', () => {
  it('chapters 3 to 7 each have at least one lab, with unique ids', () => {
    const chapters = ['east-west', 'floating-ips', 'snat', 'dvr-vs-legacy', 'configuration'];
    for (const slug of chapters)
      expect(
        labs.some((l) => l.page.slug === slug),
        slug,
      ).toBe(true);
    const ids = labs.map((l) => l.spec.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const { page, line, spec } of labs) {
    describe(`${page.path}:${line} lab ${spec.id} ("${spec.title}")`, () => {
      const { guarded, checked } = setUp(page, spec);

      it('is sound: the build would accept it', () => {
        expect(checked.problems).toEqual([]);
      });

      it(`its broken scenario shows the symptom: ${spec.request.from} → ${spec.request.to} fails`, () => {
        const result = checkClaim(checked.brokenText!, { request: spec.request, expect: ROUND_TRIP });
        expect(result.errors).toEqual([]);
        expect(result.ok).toBe(false);
        expect(judgeLab(checkClaim, checked.brokenText!, spec, guarded).solved).toBe(false);
      });

      it('its model fix removes the symptom without breaking another walk of the chapter', () => {
        const verdict = judgeLab(checkClaim, checked.fixedText!, spec, guarded);
        expect(verdict.message).toContain('works there and back');
        expect(verdict.solved).toBe(true);
      });

      it(`has a <Sandbox example="${spec.example}"> on its page, which "Load the lab" fills`, () => {
        expect(page.text).toMatch(new RegExp(`<Sandbox\\s[^>]*example=["']${spec.example}["']`));
      });
    });
  }
});

describe('the lab checks catch unsound labs, as the build does', () => {
  const { page, spec } = labs.find((l) => l.spec.id === 'ch5-lab-snat-unscheduled')!;
  const example = exampleById(spec.example)!;
  const guarded = setUp(page, spec).guarded;

  it('a break that does not break is refused', () => {
    const harmless = { ...spec, breakOps: [{ op: 'replace' as const, path: '/title', value: 'renamed' }] };
    const problems = checkFaultLab(checkClaim, example.scenario, harmless, scenarioText, guarded).problems;
    expect(problems.join('; ')).toContain('the break does not break');
  });

  it('a fix that does not fix is refused', () => {
    const useless = { ...spec, fixOps: [{ op: 'replace' as const, path: '/title', value: 'renamed' }] };
    const problems = checkFaultLab(checkClaim, example.scenario, useless, scenarioText, guarded).problems;
    expect(problems.join('; ')).toContain('the fix does not fix: The symptom is still there');
  });

  it('a scenario where the symptom is gone but a guarded walk broke is not solved, and the message names that walk', () => {
    const scenario = JSON.parse(JSON.stringify(example.scenario));
    scenario.networks.push({ name: 'Other', subnet: { cidr: '10.9.9.0/24' } });
    scenario.vms.push({ name: 'VM9', host: 'compute1', network: 'Other', ip: '10.9.9.9' });
    const walks = [{ request: { from: 'VM9', to: '8.8.8.8' }, expect: ['delivered'] }];
    const verdict = judgeLab(checkClaim, scenarioText(scenario), spec, walks);
    expect(verdict.solved).toBe(false);
    expect(verdict.message).toContain('VM3 → 8.8.8.8 works now, but VM9 → 8.8.8.8 broke');
  });
});
