/**
 * Chapter claims are tests (house style, test pyramid 3): every <Claim> a chapter makes is checked against the
 * simulator on the chapter's example, and every <Exercise> is checked to be solvable and not solved already.
 * Every <Step> must bind to at least one hop of its example's trace, on a page that shows that example's lab.
 * The build checks the same through Claim.astro, Exercise.astro and Step.astro; this runs in seconds, without a build.
 */
import { contentPages } from '../test-support/content-pages';
import { checkClaim, exampleById } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { builtExample, scenarioText } from './example-data';
import {
  checkExercise,
  claimFromProps,
  claimProblem,
  exerciseFromProps,
  extractUsages,
  plainSentence,
  type ComponentUsage,
} from './exercise-spec';
import { stepHops } from './step-hops';

const files = contentPages().map(({ path, text }) => ({ path, text, usages: extractUsages(text) }));

function scenarioOf(example: string): unknown {
  const found = exampleById(example);
  if (!found) throw new Error(`no example "${example}" in @dvr-lab/sandbox-core`);
  return found.scenario;
}

/** The examples a page has a <Sandbox> for: an exercise can only be solved where its example's sandbox is. */
function sandboxesOf(text: string): Set<string> {
  return new Set([...text.matchAll(/<Sandbox\s[^>]*example=["']([^"']+)["']/g)].map((m) => m[1]));
}

const exerciseUsages: { path: string; usage: ComponentUsage }[] = files.flatMap((f) =>
  f.usages.filter((u) => u.component === 'Exercise').map((usage) => ({ path: f.path, usage })),
);

for (const { path, text, usages } of files.filter((f) => f.usages.length > 0))
  describe(path, () => {
    for (const usage of usages.filter((u) => u.component === 'Claim')) {
      it(`${path} claims "${plainSentence(usage.children)}"`, () => {
        const { example, from, to, proto, dport, expect: expectations } = usage.props;
        const claim = claimFromProps(
          { example: example ?? '', from: from ?? '', to: to ?? '', proto, dport, expect: expectations ?? '' },
          usage.children,
        );
        const why = claimProblem(checkClaim, JSON.stringify(scenarioOf(claim.example)), claim.request, claim.expect);
        expect(
          why,
          `line ${usage.line}: ${claim.request.from} -> ${claim.request.to}, expect "${claim.expect.join('; ')}"`,
        ).toBeNull();
      });
    }

    for (const usage of usages.filter((u) => u.component === 'Step')) {
      const { example = '', at, stage, direction } = usage.props;
      it(`${path} step "${plainSentence(usage.children)}" shows at least one hop of ${example}`, () => {
        const hops = stepHops(builtExample(example).trace, {
          at,
          stage,
          direction: direction === 'reply' ? 'reply' : 'request',
        });
        expect(hops.length, `line ${usage.line}`).toBeGreaterThan(0);
      });
      it(`${path} step "${plainSentence(usage.children)}" has a <Diagram example="${example}"> on its page`, () => {
        expect([...text.matchAll(/<Diagram\s[^>]*example=["']([^"']+)["']/g)].map((m) => m[1])).toContain(example);
      });
    }

    for (const usage of usages.filter((u) => u.component === 'Exercise')) {
      const spec = exerciseFromProps(usage.props as never);
      const what = spec.choices
        ? 'exactly one answer holds on the example'
        : 'the example fails the goal and the solution meets it';
      it(`${path} exercise ${spec.id} ("${spec.title}"): ${what}`, () => {
        const result = checkExercise(checkClaim, scenarioOf(spec.example), spec, scenarioText);
        expect(result.problems, `line ${usage.line}`).toEqual([]);
      });
      it(`${path} exercise ${spec.id} has a <Sandbox example="${spec.example}"> on its page`, () => {
        expect([...sandboxesOf(text)]).toContain(spec.example);
      });
    }
  });

describe('exercises across the course', () => {
  it('have unique ids', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const { path, usage } of exerciseUsages) {
      const id = usage.props.id ?? '';
      if (seen.has(id)) duplicates.push(`${id} (${seen.get(id)} and ${path}:${usage.line})`);
      else seen.set(id, `${path}:${usage.line}`);
    }
    expect(duplicates).toEqual([]);
  });
});
