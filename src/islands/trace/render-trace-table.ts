import { COLUMN_LABELS, type TraceColumn, type TraceRow } from '../../view-model/trace-rows';

/**
 * Fills a trace table's head and body from rows, with the same markup Trace.astro renders at build time.
 * Everything is set with textContent: scenario names never become HTML.
 */
export function renderTraceTable(
  table: HTMLTableElement,
  rows: readonly TraceRow[],
  columns: readonly TraceColumn[],
  current: number,
): void {
  const doc = table.ownerDocument;
  const headRow = doc.createElement('tr');
  for (const column of columns) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.textContent = COLUMN_LABELS[column];
    headRow.append(th);
  }
  table.tHead?.replaceChildren(headRow);
  const body = table.tBodies[0] ?? table.createTBody();
  body.replaceChildren(...rows.map((row) => renderRow(doc, row, columns, current)));
}

function renderRow(
  doc: Document,
  row: TraceRow,
  columns: readonly TraceColumn[],
  current: number,
): HTMLTableRowElement {
  const tr = doc.createElement('tr');
  tr.dataset.hop = String(row.index);
  tr.dataset.box = row.boxId;
  if (row.index === current) tr.setAttribute('aria-current', 'step');
  for (const column of columns) {
    const cell = doc.createElement(column === 'step' ? 'th' : 'td');
    cell.className = `col-${column}`;
    if (column === 'step') {
      cell.scope = 'row';
      const button = doc.createElement('button');
      button.type = 'button';
      button.className = 'dvr-hop-button';
      button.dataset.hop = String(row.index);
      button.textContent = row.step;
      button.setAttribute('aria-label', `Show step ${row.step} (${row.where}) in the diagram`);
      cell.append(button);
    } else if (column === 'packet') {
      const list = doc.createElement('ul');
      list.className = 'dvr-headers';
      for (const header of row.headers) {
        const item = doc.createElement('li');
        const name = doc.createElement('span');
        name.className = 'dvr-header-name';
        name.textContent = header.label;
        const value = doc.createElement(header.changed ? 'mark' : 'span');
        value.className = 'dvr-header-value';
        value.textContent = header.value;
        if (header.changed) item.dataset.changed = 'true';
        item.append(name, ' ', value);
        list.append(item);
      }
      cell.append(list);
    } else {
      cell.textContent = row[column];
      if (column === 'rule') cell.classList.add('dvr-mono');
      if (column === 'where' && row.whereFull !== row.where) cell.title = row.whereFull;
    }
    tr.append(cell);
  }
  return tr;
}

/** Marks the current hop's row (aria-current="step") in every table of a trace, and clears the others. */
export function markCurrentRow(root: ParentNode, current: number): HTMLTableRowElement | null {
  let found: HTMLTableRowElement | null = null;
  for (const tr of root.querySelectorAll<HTMLTableRowElement>('tr[data-hop]')) {
    if (Number(tr.dataset.hop) === current) {
      tr.setAttribute('aria-current', 'step');
      found = tr;
    } else {
      tr.removeAttribute('aria-current');
    }
  }
  return found;
}
