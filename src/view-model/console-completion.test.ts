import { describe, expect, it } from 'vitest';
import { completions, examples, loadScenario, buildModel } from '@dvr-lab/sandbox-core';
import { applyCompletion, commonPrefix } from './console-completion';

const model = buildModel(loadScenario(JSON.stringify(examples.find((e) => e.id === 'snat-seed')!.scenario)).scenario!);
const tab = (line: string) => applyCompletion(line, completions(model, 'compute1', line));

describe('console completion', () => {
  it('one candidate completes the word and adds a space: a namespace from the core', () => {
    const ns = model.host('compute1')!.namespaces[0].name;
    expect(tab('ip netns exec q')).toEqual({ line: `ip netns exec ${ns} `, listed: [], handled: true });
  });

  it('several candidates extend to their common prefix and are listed', () => {
    expect(tab('ovs-')).toEqual({ line: 'ovs-', listed: ['ovs-appctl', 'ovs-ofctl', 'ovs-vsctl'], handled: true });
    expect(tab('ovs-ofctl dump-flows b')).toEqual({
      line: 'ovs-ofctl dump-flows br-',
      listed: ['br-ex', 'br-int', 'br-tun'],
      handled: true,
    });
  });

  it('a flow field ending in = is completed without a space', () => {
    expect(tab('ovs-appctl ofproto/trace br-int in_p').line).toBe('ovs-appctl ofproto/trace br-int in_port=');
  });

  it('an empty line or no candidate leaves Tab to the browser, so focus can move on', () => {
    expect(tab('').handled).toBe(false);
    expect(tab('brctl show ').handled).toBe(false);
  });

  it('commonPrefix finds the shared start', () => {
    expect(commonPrefix(['table=1', 'table=10', 'table=2'])).toBe('table=');
    expect(commonPrefix([])).toBe('');
  });
});
