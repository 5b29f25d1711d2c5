import { renderView, simulate } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { builtExample, scenarioText } from './example-data';
import { changedLines, hostViewHtml, hostViewLines, traceRules } from './host-lines-view';

describe('host view lines (on the simulated SNAT example)', () => {
  const built = builtExample('snat-seed');
  const command = 'iptables -t nat -S';
  const output = renderView(built.model, 'network', 'snat', command)!;

  it('traceRules marks the SNAT rule the trace used as a line of the snat namespace’s iptables view', () => {
    const rules = traceRules(built.trace, 'network', 'snat');
    const lines = hostViewLines(output, rules, null);
    const used = lines.filter((l) => l.used).map((l) => l.text);
    expect(used.some((t) => t.includes('-j SNAT') && t.includes('10.100.100.162'))).toBe(true);
    expect(lines.some((l) => !l.used)).toBe(true);
    expect(lines.every((l) => !l.changed)).toBe(true);
  });

  it('traceRules keeps rules of other hosts out', () => {
    expect(traceRules(built.trace, 'nowhere', 'snat').size).toBe(0);
    expect(traceRules(null, 'network', 'snat').size).toBe(0);
  });

  it('after changing the shared SNAT address, the rewritten SNAT line is marked changed and the rest is not', () => {
    const edited = scenarioText(built.example.scenario).replaceAll('10.100.100.162', '10.100.100.170');
    const result = simulate(edited, built.example.request);
    expect(result.errors).toEqual([]);
    const after = renderView(result.model!, 'network', 'snat', command)!;
    const lines = hostViewLines(after, traceRules(result.trace, 'network', 'snat'), output);
    const changed = lines.filter((l) => l.changed);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((l) => l.text.includes('10.100.100.170'))).toBe(true);
    expect(lines.find((l) => l.used && l.text.includes('-j SNAT'))?.changed).toBe(true);
  });

  it('changedLines marks inserted and rewritten lines only', () => {
    expect(changedLines(['a', 'b', 'c'], ['a', 'x', 'b', 'c'])).toEqual([false, true, false, false]);
    expect(changedLines(['a', 'b'], ['a', 'c'])).toEqual([false, true]);
    expect(changedLines([], ['a'])).toEqual([true]);
  });

  it('hostViewHtml escapes text and labels marked lines for screen readers', () => {
    const html = hostViewHtml([
      { text: '<x>', used: true, changed: true },
      { text: 'plain', used: false, changed: false },
    ]);
    expect(html).toContain('&lt;x&gt;');
    expect(html).toContain('<span class="sr-only">(used by the trace, changed) </span>');
    expect(html).toContain('data-used="false" data-changed="false">plain</span>');
  });
});
