import { checkClaim, exampleById } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import {
  applySolution,
  checkExercise,
  claimFromProps,
  claimProblem,
  describeSolution,
  exerciseFromProps,
  extractUsages,
  holdingChoices,
  parseSolution,
  plainSentence,
  requestFromProps,
  splitList,
  substituteChoice,
  type ExerciseProps,
} from './exercise-spec';
import { scenarioText } from './example-data';

const seed = exampleById('snat-seed')!.scenario;
const movePatch = '[{"op":"replace","path":"/routers/0/externalGateway/ip","value":"10.100.100.170"}]';
const moveExercise: ExerciseProps = {
  id: 'ch5-test-move',
  example: 'snat-seed',
  title: 'Move the shared address',
  from: 'VM3',
  to: '8.8.8.8',
  expect: 'delivered; source 10.100.100.170',
  hint: 'The qg- port',
  solution: movePatch,
};

describe('splitList', () => {
  it('splits on ";", trims and drops empty items', () => {
    expect(splitList(' delivered ;avoids network;; ')).toEqual(['delivered', 'avoids network']);
    expect(splitList(undefined)).toEqual([]);
  });
});

describe('requestFromProps', () => {
  it('reads from, to, proto and dport', () => {
    expect(requestFromProps({ from: 'VM3', to: '8.8.8.8' })).toEqual({ from: 'VM3', to: '8.8.8.8' });
    expect(requestFromProps({ from: 'VM1', to: 'VM2', proto: 'tcp', dport: '80' })).toEqual({
      from: 'VM1',
      to: 'VM2',
      proto: 'tcp',
      dport: 80,
    });
  });
  it.each([
    [{ from: 'VM3', to: '' }, /^to: "" is neither a VM name/],
    [{ from: 'VM3', to: 'x', proto: 'sctp' }, /proto: protocol "sctp"/],
    [{ from: 'VM3', to: 'x', proto: 'tcp', dport: '70000' }, /dport: port "70000" must be/],
    [{ from: 'VM3', to: 'x', dport: '22' }, /dport: a destination port needs protocol tcp or udp/],
    [{ from: 'VM3', to: '127.0.0.1' }, /to: 127\.0\.0\.1 is a loopback address/],
  ])('refuses %j', (props, message) => {
    expect(() => requestFromProps(props)).toThrow(message);
  });
});

describe('substituteChoice', () => {
  it('replaces every {choice}', () => {
    expect(substituteChoice(['visits {choice}/fip', 'exits {choice}'], 'compute2')).toEqual([
      'visits compute2/fip',
      'exits compute2',
    ]);
  });
});

describe('parseSolution and applySolution', () => {
  it('applies a replace without touching the example', () => {
    const patched = applySolution(seed, parseSolution(movePatch)) as {
      routers: { externalGateway: { ip: string } }[];
    };
    expect(patched.routers[0].externalGateway.ip).toBe('10.100.100.170');
    expect((seed as { routers: { externalGateway: { ip: string } }[] }).routers[0].externalGateway.ip).toBe(
      '10.100.100.162',
    );
  });
  it('applies add and remove', () => {
    const patch = parseSolution(
      '[{"op":"add","path":"/vms/-","value":{"name":"VM9"}},{"op":"remove","path":"/title"}]',
    );
    const patched = applySolution({ title: 't', vms: [] }, patch);
    expect(patched).toEqual({ vms: [{ name: 'VM9' }] });
  });
  it.each([
    ['[{"op":"replace"', /not JSON/],
    ['[]', /non-empty/],
    ['{"op":"add"}', /non-empty/],
    ['[{"op":"frobnicate","path":"/a"}]', /not a valid JSON Patch/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSolution(text)).toThrow(message);
  });
  it('says which path does not exist', () => {
    expect(() => applySolution(seed, parseSolution('[{"op":"replace","path":"/routers/5/name","value":"x"}]'))).toThrow(
      /does not apply/,
    );
  });
  it('describes each operation for the reader', () => {
    expect(describeSolution(parseSolution(movePatch))).toEqual([
      'set /routers/0/externalGateway/ip to "10.100.100.170"',
    ]);
  });
});

describe('claimFromProps', () => {
  it('reads a claim and its plain sentence', () => {
    const claim = claimFromProps(
      { example: 'snat-seed', from: 'VM3', to: '8.8.8.8', expect: 'source 10.100.100.162; exits network' },
      'the source becomes <code>10.100.100.162</code>',
    );
    expect(claim).toEqual({
      example: 'snat-seed',
      request: { from: 'VM3', to: '8.8.8.8' },
      expect: ['source 10.100.100.162', 'exits network'],
      sentence: 'the source becomes 10.100.100.162',
    });
  });
  it('refuses a claim without expectations or with {choice}', () => {
    expect(() => claimFromProps({ example: 'snat-seed', from: 'VM3', to: '8.8.8.8', expect: ' ; ' }, 's')).toThrow(
      /needs expect/,
    );
    expect(() =>
      claimFromProps({ example: 'snat-seed', from: 'VM3', to: '8.8.8.8', expect: 'exits {choice}' }, 's'),
    ).toThrow(/choice exercise/);
  });
});

describe('claimProblem (real simulator)', () => {
  const text = scenarioText(seed);
  it('is null when the claim holds', () => {
    expect(
      claimProblem(checkClaim, text, { from: 'VM3', to: '8.8.8.8' }, [
        'delivered',
        'source 10.100.100.162',
        'visits network/snat',
      ]),
    ).toBeNull();
  });
  it("gives the simulator's sentence when it does not", () => {
    expect(claimProblem(checkClaim, text, { from: 'VM3', to: '8.8.8.8' }, ['source 10.100.100.170'])).toMatch(
      /10\.100\.100\.162.*not 10\.100\.100\.170/,
    );
  });
});

describe('exerciseFromProps', () => {
  it('reads a goal exercise', () => {
    const spec = exerciseFromProps(moveExercise);
    expect(spec.request).toEqual({ from: 'VM3', to: '8.8.8.8' });
    expect(spec.expect).toEqual(['delivered', 'source 10.100.100.170']);
    expect(spec.solution).toHaveLength(1);
    expect(spec.choices).toBeNull();
  });
  it('reads a choice exercise, substituting each answer', () => {
    const spec = exerciseFromProps({
      ...moveExercise,
      solution: undefined,
      expect: 'exits {choice}',
      choices: 'network; compute1',
    });
    expect(spec.choices).toEqual([
      { label: 'network', expect: ['exits network'] },
      { label: 'compute1', expect: ['exits compute1'] },
    ]);
  });
  it.each([
    [{ id: 'Ch5 bad' }, /id "Ch5 bad"/],
    [{ hint: ' ' }, /needs a hint/],
    [{ solution: undefined }, /needs solution/],
    [{ expect: 'exits {choice}' }, /no choices/],
    [{ choices: 'network; compute1' }, /must contain \{choice\}/],
    [{ choices: 'network', expect: 'exits {choice}', solution: undefined }, /at least two/],
    [{ choices: 'a; b', expect: 'exits {choice}' }, /no solution patch/],
  ])('refuses %j', (change, message) => {
    expect(() => exerciseFromProps({ ...moveExercise, ...change })).toThrow(message);
  });
});

describe('checkExercise (real simulator)', () => {
  it('accepts an exercise the example fails and the solution meets, and renders the solution text', () => {
    const result = checkExercise(checkClaim, seed, exerciseFromProps(moveExercise), scenarioText);
    expect(result.problems).toEqual([]);
    expect(result.solutionText).toContain('"ip": "10.100.100.170"');
  });
  it('reports an example that already meets the goal', () => {
    const result = checkExercise(
      checkClaim,
      seed,
      exerciseFromProps({ ...moveExercise, expect: 'delivered' }),
      scenarioText,
    );
    expect(result.problems.join()).toMatch(/already meets the goal/);
  });
  it('reports a solution that does not meet the goal', () => {
    const result = checkExercise(
      checkClaim,
      seed,
      exerciseFromProps({ ...moveExercise, expect: 'source 10.100.100.171' }),
      scenarioText,
    );
    expect(result.problems.join()).toMatch(/solution does not meet the goal: .*10\.100\.100\.170/);
  });
  it('finds the one answer of a choice exercise', () => {
    const spec = exerciseFromProps({
      ...moveExercise,
      solution: undefined,
      expect: 'exits {choice}',
      choices: 'compute1; network',
    });
    expect(holdingChoices(checkClaim, scenarioText(seed), spec)).toEqual(['network']);
    expect(checkExercise(checkClaim, seed, spec, scenarioText)).toEqual({
      problems: [],
      solutionText: null,
      answer: 'network',
    });
  });
  it('reports a choice exercise where no answer or several hold', () => {
    const none = exerciseFromProps({
      ...moveExercise,
      solution: undefined,
      expect: 'exits {choice}',
      choices: 'compute1; compute2',
    });
    expect(checkExercise(checkClaim, seed, none, scenarioText).problems.join()).toMatch(/none does/);
    const both = exerciseFromProps({
      ...moveExercise,
      solution: undefined,
      expect: 'delivered; avoids {choice}',
      choices: 'compute2; compute3',
    });
    expect(checkExercise(checkClaim, seed, both, scenarioText).problems.join()).toMatch(/"compute2" and "compute3" do/);
  });
});

describe('plainSentence', () => {
  it('drops markup and Markdown and collapses whitespace', () => {
    expect(plainSentence('the source becomes\n  `10.100.100.162` on **qg-** <em>only</em>')).toBe(
      'the source becomes 10.100.100.162 on qg- only',
    );
  });
});

describe('extractUsages', () => {
  it('reads claims and exercises with their props, children and line', () => {
    const mdx = [
      'import Claim from "../src/components/Claim.astro";',
      '',
      'So <Claim example="east-west" from="VM1" to="VM2" expect="delivered; avoids network">the network node is never touched</Claim>.',
      '',
      '<Exercise id="ch3-x" example="east-west" title="T" from="VM1" to="VM2"',
      '  expect="visits {choice}/qrouter" choices="compute1; compute2" hint="Look &quot;up&quot;">',
      'Which host routes the **reply**?',
      '</Exercise>',
      "<Exercise id='ch3-y' example='east-west' title='U' from='VM1' to='VM2' expect='dropped' hint='h' solution='[{\"op\":\"remove\",\"path\":\"/vms/1\"}]'>Drop it</Exercise>",
    ].join('\n');
    const usages = extractUsages(mdx);
    expect(usages.map((u) => [u.component, u.line, u.children])).toEqual([
      ['Claim', 3, 'the network node is never touched'],
      ['Exercise', 5, 'Which host routes the **reply**?'],
      ['Exercise', 9, 'Drop it'],
    ]);
    expect(usages[1].props).toMatchObject({ id: 'ch3-x', choices: 'compute1; compute2', hint: 'Look "up"' });
    expect(usages[2].props.solution).toBe('[{"op":"remove","path":"/vms/1"}]');
  });
  it('ignores usages inside fenced code', () => {
    expect(extractUsages('```mdx\n<Claim example="a" from="b" to="c" expect="d">x</Claim>\n```\n')).toEqual([]);
  });
  it('refuses expression props, unclosed and childless usages', () => {
    expect(() => extractUsages('<Claim example={id} from="a">x</Claim>')).toThrow(/plain string/);
    expect(() => extractUsages('<Claim example="a">x')).toThrow(/not closed/);
    expect(() => extractUsages('<Claim example="a" />')).toThrow(/needs children/);
  });
  it('does not mistake ExerciseProgress for an Exercise', () => {
    expect(extractUsages('<ExerciseProgress />')).toEqual([]);
  });
});
