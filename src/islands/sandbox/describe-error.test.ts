import { describe, expect, it } from 'vitest';
import { describeError, errorsForPointer } from './describe-error';

describe('describe error', () => {
  it('describeError gives the pointer, line and column, and the message', () => {
    expect(describeError({ path: '/vms/0/ip', message: 'outside App', line: 12, column: 15 })).toEqual({
      where: '/vms/0/ip line 12, column 15:',
      message: 'outside App',
    });
    expect(describeError({ path: '', message: 'not JSON' }).where).toBe('(whole scenario):');
    expect(describeError({ path: '/vms/0/ip', message: 'x' }, { line: 48, column: 13 }).where).toBe(
      '/vms/0/ip line 48, column 13:',
    );
    expect(describeError({ path: '/vms/0/ip', message: 'x', line: 2, column: 3 }, { line: 48, column: 13 }).where).toBe(
      '/vms/0/ip line 2, column 3:',
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
