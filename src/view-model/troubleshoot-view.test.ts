import { exampleById, simulate, troubleshootingSteps } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { scenarioText } from './example-data';
import { outputLines, stepHosts, stepHtml, stepsHtml } from './troubleshoot-view';

const example = exampleById('troubleshooting')!;
const sim = simulate(scenarioText(example.scenario), example.request);
const steps = troubleshootingSteps(sim.model!, sim.trace!);

describe('troubleshooting view', () => {
  it('finds the line that matters in every step of VM3 -> 8.8.8.8 that prints output', () => {
    expect(steps.length).toBeGreaterThan(5);
    for (const step of steps.filter((s) => s.output !== '')) {
      const marked = outputLines(step).filter((l) => l.match);
      expect(marked, `${step.host} ${step.command}`).toHaveLength(1);
    }
  });

  it('marks the SNAT redirect rule in compute1’s qrouter and the SNAT rule on the network node', () => {
    const rule = steps.find((s) => s.host === 'compute1' && s.command.endsWith(' ip rule'))!;
    expect(outputLines(rule).find((l) => l.match)!.text).toBe('3232286721:\tfrom 192.168.200.1/24 lookup 3232286721');
    const nat = steps.find((s) => s.host === 'network' && s.command.endsWith('iptables -t nat -S'))!;
    expect(stepHtml(nat, 0)).toContain(
      '<mark class="dvr-ts-match">-A neutron-l3-agent-snat -s 192.168.200.0/24 -j SNAT --to-source 10.100.100.162</mark>',
    );
  });

  it('visits compute1 first and then the network node', () => {
    expect(stepHosts(steps)).toEqual(['compute1', 'network']);
  });

  it('marks an expected line that is only contained in a longer output line', () => {
    expect(outputLines({ output: 'a\n  xyz table=1 q\nb', expect: 'table=1' }).map((l) => l.match)).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('shows the rule itself when a command has no printed output (conntrack)', () => {
    const html = stepHtml(
      {
        host: 'network',
        command: 'ip netns exec snat-x conntrack -L',
        expect: '-A x -j SNAT',
        output: '',
        why: 'reverses the SNAT',
      },
      3,
    );
    expect(html).toContain('<mark class="dvr-ts-match">-A x -j SNAT</mark>');
    expect(html).toContain('4.');
  });

  it('folds each step’s output under its command line, keeping the line to look for outside the fold', () => {
    const html = stepHtml(
      {
        host: 'network',
        command: 'iptables -t nat -S',
        expect: '-A x -j SNAT',
        output: '-P x\n-A x -j SNAT',
        why: 'w',
      },
      0,
    );
    const fold = html.indexOf('<details class="dvr-ts-fold" data-fold="0">');
    expect(fold).toBeGreaterThan(html.indexOf('Look for: <code>-A x -j SNAT</code>'));
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(html).toContain('<summary><code class="dvr-prompt">network# iptables -t nat -S</code>');
    expect(html).toContain('(full output, 2 lines)');
    expect(html.indexOf('<mark class="dvr-ts-match">-A x -j SNAT</mark>')).toBeGreaterThan(fold);
  });

  it('escapes what it prints and says when there is nothing to run', () => {
    expect(stepHtml({ host: '<h>', command: 'x', expect: 'a<b', output: 'a<b', why: '' }, 0)).toContain('a&lt;b');
    expect(stepsHtml([])).toMatch(/no rule/);
  });
});
