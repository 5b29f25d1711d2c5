import type { ConfigFile, Model } from '@dvr-lab/sandbox-core';
import { escapeHtml } from './escape-html';

/** A node and the configuration files it needs, as `configFiles(model, host)` generates them. */
export interface NodeFiles {
  host: string;
  agentMode: string;
  files: ConfigFile[];
}

/** What a node is, in words, for the host selector and the panel heading. */
export function nodeLabel(node: Pick<NodeFiles, 'host' | 'agentMode'>): string {
  const role =
    node.agentMode === 'dvr_snat' ? 'network node' : node.agentMode === 'dvr' ? 'compute node' : 'legacy L3 node';
  return `${node.host} (${role}, agent_mode ${node.agentMode})`;
}

/**
 * One node's files as HTML: one labelled <pre> per file, each folded in a native <details> whose summary is the
 * file's path; the first file (the agent's own) opens by default. The island shows one node at a time.
 */
export function nodePanelHtml(node: NodeFiles, idPrefix: string): string {
  return (
    `<section class="dvr-config-node" data-host="${escapeHtml(node.host)}" aria-label="${escapeHtml(`Configuration files of ${nodeLabel(node)}`)}">` +
    `<p class="dvr-config-node-title">${escapeHtml(nodeLabel(node))}</p>` +
    node.files
      .map((f, i) => {
        const id = `${idPrefix}-${node.host.replace(/[^A-Za-z0-9_-]/g, '_')}-${i}`;
        const lines = f.text.replace(/\n$/, '').split('\n').length;
        return (
          `<details class="dvr-config-file" data-fold="${escapeHtml(`${node.host} ${f.path}`)}"${i === 0 ? ' open' : ''}>` +
          `<summary id="${escapeHtml(id)}"><code>${escapeHtml(f.path)}</code> on ${escapeHtml(node.host)}` +
          `<span class="dvr-fold-hint"> (${lines} ${lines === 1 ? 'line' : 'lines'})</span></summary>` +
          `<pre tabindex="0" aria-labelledby="${escapeHtml(id)}" data-path="${escapeHtml(f.path)}"><code>${escapeHtml(f.text)}</code></pre></details>`
        );
      })
      .join('') +
    `</section>`
  );
}

/** Every node's files as HTML, in host order. */
export function nodesHtml(nodes: readonly NodeFiles[], idPrefix: string): string {
  return nodes.map((n) => nodePanelHtml(n, idPrefix)).join('');
}

/** Every node of a model with its files; `files` is the core's `configFiles`, passed in so islands can hand in the lazily loaded one. */
export function nodeFiles(model: Model, files: (model: Model, host: string) => ConfigFile[]): NodeFiles[] {
  return model.scenario.hosts.map((h) => ({ host: h.name, agentMode: h.agentMode, files: files(model, h.name) }));
}
