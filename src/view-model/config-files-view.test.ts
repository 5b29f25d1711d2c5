import { configFiles, exampleById, simulate } from '@dvr-lab/sandbox-core';
import { describe, expect, it } from 'vitest';
import { nodeFiles, nodeLabel, nodePanelHtml, nodesHtml } from './config-files-view';
import { scenarioText } from './example-data';

const example = exampleById('troubleshooting')!;
const model = simulate(scenarioText(example.scenario), example.request).model!;

describe('config files view', () => {
  it('lists every node of the troubleshooting example with neutron.conf, ml2_conf.ini, l3_agent.ini and metadata_agent.ini', () => {
    const nodes = nodeFiles(model, configFiles);
    expect(nodes.map((n) => n.host)).toEqual(['network', 'compute1', 'compute2']);
    for (const n of nodes)
      expect(n.files.map((f) => f.path)).toEqual([
        '/etc/neutron/neutron.conf',
        '/etc/neutron/plugins/ml2/ml2_conf.ini',
        '/etc/neutron/l3_agent.ini',
        '/etc/neutron/metadata_agent.ini',
      ]);
  });

  it('labels each file with its path and the node, and prints its options', () => {
    const compute1 = nodeFiles(model, configFiles)[1];
    const html = nodePanelHtml(compute1, 'cfg');
    expect(html).toContain('<code>/etc/neutron/l3_agent.ini</code> on compute1');
    expect(html).toContain('agent_mode = dvr');
    expect(html).toContain('local_ip = 172.16.0.21');
    expect(html).toContain('aria-labelledby="cfg-compute1-2"');
  });

  it('folds every file under its path, with only the first file open', () => {
    const html = nodePanelHtml(nodeFiles(model, configFiles)[1], 'cfg');
    const folds = html.match(/<details [^>]*>/g) ?? [];
    expect(folds).toHaveLength(4);
    expect(folds[0]).toContain(' open');
    expect(folds.slice(1).every((f) => !f.includes(' open'))).toBe(true);
    expect(html).toMatch(/<summary id="cfg-compute1-0"><code>\/etc\/neutron\/neutron.conf<\/code> on compute1/);
  });

  it('names the role of each agent mode', () => {
    expect(nodeLabel({ host: 'network', agentMode: 'dvr_snat' })).toBe('network (network node, agent_mode dvr_snat)');
    expect(nodeLabel({ host: 'compute1', agentMode: 'dvr' })).toBe('compute1 (compute node, agent_mode dvr)');
    expect(nodeLabel({ host: 'l3', agentMode: 'legacy' })).toMatch(/legacy L3 node/);
  });

  it('escapes host names', () => {
    expect(nodesHtml([{ host: '<x>', agentMode: 'dvr', files: [] }], 'p')).toContain('&lt;x&gt;');
  });
});
