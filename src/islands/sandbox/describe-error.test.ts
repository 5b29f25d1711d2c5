import { describe, expect, it } from 'vitest';
import { examples, simulate } from '@dvr-lab/sandbox-core';
import { builtExample } from '../../view-model/example-data';
import { describeProblems, errorsForPointer, plainMessage } from './describe-error';

const built = builtExample('snat-seed');
const fields = built.example.formFields;
const nowhere = () => null;

describe('describeProblems (on the simulator’s errors for the SNAT example)', () => {
  it('locates a problem with a form field by the field’s label, without a JSON pointer', () => {
    const text = built.text.replace('"10.100.100.162"', '"10.100.100.300"');
    const { errors } = simulate(text, built.example.request);
    const problems = describeProblems(errors, fields, () => ({ line: 36, column: 15 }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      where: 'Shared SNAT address',
      field: { pointer: '/routers/0/externalGateway/ip' },
    });
    expect(problems[0].message).not.toMatch(/\/routers|line \d/);
  });

  it('gives a JSON typo once, located by line and column, and says so once', () => {
    const text = built.text.replace('"10.100.100.162"', '"10.100.100.162",');
    const { errors } = simulate(text, built.example.request);
    expect(errors.length).toBeGreaterThan(1); // the parser reports the typo twice
    const problems = describeProblems(errors, fields, nowhere);
    expect(problems).toHaveLength(1);
    expect(problems[0].where).toMatch(/^Line \d+, column \d+$/);
    expect(problems[0].message).toMatch(/^Not valid JSON: /);
    expect(problems[0].message).not.toMatch(/line \d+/);
  });

  it('locates a problem outside the form by where the core finds its value', () => {
    const eastWest = examples.find((e) => e.id === 'east-west')!;
    const problems = describeProblems([{ path: '/vms/2/ip', message: 'outside DB' }], eastWest.formFields, () => ({
      line: 48,
      column: 13,
    }));
    expect(problems).toEqual([{ field: null, where: 'Line 48, column 13', message: 'outside DB' }]);
    expect(describeProblems([{ path: '', message: 'x' }], fields, nowhere)[0].where).toBe('The scenario');
  });

  it('plainMessage drops the location a syntax error repeats', () => {
    expect(plainMessage('JSON syntax error at line 3, column 5: the string is not closed')).toBe(
      'Not valid JSON: the string is not closed',
    );
  });

  it('errorsForPointer keeps errors at or under a field, not its siblings', () => {
    const errors = [
      { path: '/networks/1/subnet/cidr', message: 'a' },
      { path: '/networks/1/subnet/cidrx', message: 'b' },
      { path: '/networks/1/subnet', message: 'c' },
    ];
    expect(errorsForPointer(errors, '/networks/1/subnet/cidr').map((e) => e.message)).toEqual(['a']);
  });
});
