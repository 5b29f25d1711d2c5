/**
 * Harder levels: every chapter with a sandbox ends with a challenge, a goal exercise that needs two or more
 * coordinated edits. Its model solution has at least two operations, and no single one of them meets the goal
 * on its own (checked by the simulator, as the reader's attempt would be).
 */
import { NOT_CHAPTERS } from './course-order';
import { contentPages } from './test-support/content-pages';
import { checkClaim, exampleById } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { scenarioText } from './view-model/example-data';
import { applySolution, claimProblem, exerciseFromProps, extractUsages } from './view-model/exercise-spec';

/** Chapters with a sandbox; the free lab (not a chapter) has a sandbox and no exercises. */
const chapters = contentPages().filter(({ slug, text }) => !NOT_CHAPTERS.includes(slug) && /<Sandbox\s/.test(text));

describe('every chapter with a sandbox ends with a challenge', () => {
  for (const { path, text } of chapters) {
    it(`${path}: its last exercise needs two or more coordinated edits`, () => {
      const last = extractUsages(text)
        .filter((u) => u.component === 'Exercise')
        .at(-1);
      expect(last, 'the chapter has an exercise').toBeDefined();
      const spec = exerciseFromProps(last!.props as never);
      expect(spec.choices, `${spec.id} is a goal exercise, not a choice`).toBeNull();
      const ops = spec.solution ?? [];
      expect(ops.length, `${spec.id}'s solution has two or more operations`).toBeGreaterThanOrEqual(2);
      const scenario = exampleById(spec.example)?.scenario;
      const alone = ops
        .map((op, i) => ({ i, op, text: scenarioText(applySolution(scenario, [op])) }))
        .filter(({ text: t }) => claimProblem(checkClaim, t, spec.request, spec.expect) === null)
        .map(({ i, op }) => `operation ${i + 1} alone (${op.op} ${op.path}) meets the goal`);
      expect(alone, `${spec.id}: one edit must not be enough`).toEqual([]);
    });
  }
});
