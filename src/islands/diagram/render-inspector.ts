import type { HopInspection } from '../../view-model/hop-inspector';

/**
 * Fills the hop inspector's skeleton (rendered by Diagram.astro) for one hop, or empties it for none.
 * Text goes in with textContent only: scenario names never become HTML.
 */
export function renderInspector(root: HTMLElement, inspection: HopInspection | null): void {
  const part = <T extends HTMLElement = HTMLElement>(role: string) => root.querySelector<T>(`[data-role="${role}"]`);
  const set = (role: string, text: string) => {
    const el = part(role);
    if (el) el.textContent = text;
  };
  root.dataset.hop = String(inspection?.index ?? -1);
  root.dataset.reply = String(inspection?.reply ?? false);
  const list = part('i-list');
  const empty = part('i-empty');
  if (list) list.hidden = inspection === null;
  if (empty) empty.hidden = inspection !== null;
  if (!inspection) {
    set('i-position', 'Hop inspector');
    return;
  }
  set('i-position', `${inspection.position} · ${inspection.host} · ${inspection.stage}`);
  set('i-where', `${inspection.host} · ${inspection.where}`);
  set('i-device', inspection.device);
  set('i-stage', inspection.rule ? `${inspection.stage}:` : `${inspection.stage} (no table entry decides this step)`);
  set('i-rule', inspection.rule ?? '');
  part('i-rule')?.toggleAttribute('hidden', inspection.rule === null);
  set('i-why', inspection.why);
  set('i-command', inspection.command ? `${inspection.command.host}$ ${inspection.command.line}` : '');
  const commandBox = part('i-command-box');
  if (commandBox) {
    commandBox.hidden = inspection.command === null;
    const dt = commandBox.previousElementSibling as HTMLElement | null;
    if (dt) dt.hidden = inspection.command === null;
  }
  const headers = part<HTMLUListElement>('i-headers');
  if (headers) {
    const doc = root.ownerDocument;
    headers.replaceChildren(
      ...inspection.headers.map((h) => {
        const li = doc.createElement('li');
        const name = doc.createElement('span');
        name.className = 'dvr-header-name';
        name.textContent = h.label;
        li.append(name, ' ');
        if (h.changed) {
          li.dataset.changed = 'true';
          const was = doc.createElement('del');
          was.textContent = h.before ?? '(none)';
          const now = doc.createElement('mark');
          now.textContent = h.value;
          li.append(was, ' → ', now);
          if (h.reason) li.append(` (${h.reason})`);
        } else {
          const now = doc.createElement('span');
          now.textContent = h.value;
          li.append(now);
        }
        return li;
      }),
    );
  }
}
