import { describe, expect, it } from 'vitest';
import { fakeTrace } from '../islands/state/test-fixtures';
import { hopMarks, hopStatus } from './hop-marks';

describe('hop marks', () => {
  const marks = hopMarks(fakeTrace());

  it('hopMarks lists forward then reply hops with their box and port', () => {
    expect(marks).toHaveLength(7);
    expect(marks[4]).toEqual({
      box: 'network/snat-r1',
      port: 'network/snat-r1#qg-1',
      label: 'Step 5: network, snat-r1 (qg-1), iptables nat POSTROUTING',
      reply: false,
    });
    expect(marks[3]).toMatchObject({ box: 'tunnel', port: null });
    expect(marks[6]).toMatchObject({ box: 'internet', reply: true, label: 'Reply step 1: internet, send' });
  });

  it('hopStatus names the current hop and its position, or invites to start', () => {
    expect(hopStatus(marks, 0)).toBe('Step 1: compute1, VM3 (tap1), send — hop 1 of 7');
    expect(hopStatus(marks, -1)).toMatch(/^7 hops/);
  });
});
