/**
 * Questions before answers: a choice question asks the reader to predict, so the chapter must not have just
 * told them. For every choice <Exercise>, its answer (the one choice the simulator confirms) must not be given
 * by the prose paragraph right above it, by the <Claim> right above it, or by any <Claim> above it in the
 * chapter that checks the same packet with the answer's expectation.
 */
import { contentPages } from './test-support/content-pages';
import { checkClaim, exampleById } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { scenarioText } from './view-model/example-data';
import {
  checkExercise,
  claimFromProps,
  exerciseFromProps,
  extractUsages,
  substituteChoice,
  type ComponentUsage,
} from './view-model/exercise-spec';

const chapters = contentPages().map(({ path, text }) => ({ path, text, usages: extractUsages(text) }));

/** The MDX above a line with code, components and exercises blanked, so only the reader's prose remains. */
function proseAbove(mdx: string, line: number): string {
  return mdx
    .split('\n')
    .slice(0, line - 1)
    .join('\n')
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/<Exercise[\s\S]*?(<\/Exercise>|\/>)/g, '')
    .replace(/^(import .*|<[A-Z][^\n]*\/>|:::.*|#.*)$/gm, '');
}

/** The last paragraph (blank-line separated block) of prose above a line. */
function precedingParagraph(mdx: string, line: number): string {
  const blocks = proseAbove(mdx, line)
    .split(/\n\s*\n/)
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  return blocks.at(-1) ?? '';
}

/** True when `text` names `answer` as a word of its own (so "1" is not found inside "10.0.0.1"'s neighbour "192"). */
function namesAnswer(text: string, answer: string): boolean {
  const escaped = answer.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.:])${escaped}($|[^\\w:]|\\.(?!\\w))`).test(text);
}

function sameRequest(claim: ComponentUsage, exercise: ComponentUsage): boolean {
  const p = claim.props;
  const q = exercise.props;
  return (
    p.example === q.example &&
    p.from === q.from &&
    p.to === q.to &&
    (p.proto ?? '') === (q.proto ?? '') &&
    (p.dport ?? '') === (q.dport ?? '')
  );
}

describe('namesAnswer', () => {
  it('finds an answer as a word and not inside another token', () => {
    expect(namesAnswer('routed on compute2, then', 'compute2')).toBe(true);
    expect(namesAnswer('routed on compute22', 'compute2')).toBe(false);
    expect(namesAnswer('tunnel id 0x7d1.', '0x7d1')).toBe(true);
    expect(namesAnswer('address 10.0.0.1 here', '1')).toBe(false);
  });
});

for (const { path, text, usages } of chapters) {
  const questions = usages.filter((u) => u.component === 'Exercise' && u.props.choices !== undefined);
  if (questions.length === 0) continue;
  describe(path, () => {
    for (const question of questions) {
      const spec = exerciseFromProps(question.props as never);
      it(`asks "${spec.title}" before the chapter answers it`, () => {
        const example = exampleById(spec.example);
        if (!example) throw new Error(`no example "${spec.example}"`);
        const { answer } = checkExercise(checkClaim, example.scenario, spec, scenarioText);
        expect(answer, `line ${question.line}: the simulator confirms exactly one choice`).not.toBeNull();
        const said: string[] = [];
        const paragraph = precedingParagraph(text, question.line);
        if (namesAnswer(paragraph, answer!))
          said.push(`the paragraph above says "${answer}": ${paragraph.slice(0, 160)}`);
        // Claims (the one right above included) give the answer when they check it on the same packet.
        const claimsAbove = usages.filter((u) => u.component === 'Claim' && u.line < question.line);
        const answered = substituteChoice(spec.expect, answer!);
        for (const claim of claimsAbove.filter((c) => sameRequest(c, question))) {
          const expectations = claimFromProps(claim.props as never, claim.children).expect;
          if (answered.every((e) => expectations.includes(e)))
            said.push(`the claim on line ${claim.line} checks the answer (${answered.join('; ')})`);
        }
        expect(said, `line ${question.line}: move the question above the text that answers it`).toEqual([]);
      });
    }
  });
}
