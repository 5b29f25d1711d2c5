import { describe, expect, it } from 'vitest';
import { builtExample } from './example-data';
import { hopMarks, hopStatus } from './hop-marks';
import { hopBoxId } from './trace-rows';

describe('hop marks (on the simulated SNAT example)', () => {
  const { trace } = builtExample('snat-seed');
  const marks = hopMarks(trace);
  const forward = trace.hops.length;

  it('hopMarks lists forward then reply hops with their box and port', () => {
    expect(marks).toHaveLength(forward + (trace.reply?.hops.length ?? 0));
    const snatIndex = trace.hops.findIndex((hop) => hop.changed.includes('ipSrc'));
    const snat = trace.hops[snatIndex];
    expect(marks[snatIndex]).toMatchObject({
      box: hopBoxId(snat),
      port: `${hopBoxId(snat)}#${snat.device}`,
      reply: false,
    });
    expect(marks[snatIndex].label).toMatch(/^Step \d+: network, snat-.*\(qg-.*\), iptables nat/);
    expect(marks.find((m) => m.box === 'internet')).toMatchObject({ port: null });
    expect(marks[forward]).toMatchObject({ box: 'internet', reply: true });
    expect(marks[forward].label).toMatch(/^Reply step 1: internet/);
  });

  it('hopStatus names the current hop and its position, or invites to start', () => {
    expect(hopStatus(marks, 0)).toBe(
      `Step 1: compute1, VM3 (${trace.hops[0].device}), send — hop 1 of ${marks.length}`,
    );
    expect(hopStatus(marks, -1)).toMatch(new RegExp(`^${marks.length} hops`));
  });
});
