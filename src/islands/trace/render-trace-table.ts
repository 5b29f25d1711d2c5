import morphdom from 'morphdom';
import { COLUMN_LABELS, rowColumns, type TraceColumn, type TraceRow } from '../../view-model/trace-rows';

/**
 * Fills a trace table's head and body from rows, with the same markup TraceTable.astro renders at build time:
 * one row per hop, and under it a row across the table with the rule (and the note at the detailed level).
 * Everything is set with textContent: scenario names never become HTML. The new rows are morphed into the old
 * ones, so only the cells an edit changed are touched: a table's column widths are then recomputed from the
 * cells' remembered sizes, instead of measuring every cell again (≈ 14 ms of layout per edit on a chapter).
 */
export function renderTraceTable(
  table: HTMLTableElement,
  rows: readonly TraceRow[],
  columns: readonly TraceColumn[],
  current: number,
): void {
  const doc = table.ownerDocument;
  const { main, under } = rowColumns(columns);
  const headRow = doc.createElement('tr');
  for (const column of main) {
    const th = doc.createElement('th');
    th.scope = 'col';
    th.className = `col-${column}`;
    th.textContent = COLUMN_LABELS[column];
    headRow.append(th);
  }
  const head = table.tHead;
  if (head && !(head.rows.length === 1 && head.rows[0].isEqualNode(headRow))) head.replaceChildren(headRow);
  const body = table.tBodies[0] ?? table.createTBody();
  const next = doc.createElement('tbody');
  next.append(
    ...rows.flatMap((row) => {
      const tr = renderRow(doc, row, main, current);
      return under.length ? [tr, renderUnderRow(doc, row, under, main.length, current)] : [tr];
    }),
  );
  morphdom(body, next, { childrenOnly: true });
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
      button.setAttribute('aria-label', row.showLabel);
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
      if (column === 'where' && row.whereFull !== row.where) cell.title = row.whereFull;
    }
    tr.append(cell);
  }
  return tr;
}

function renderUnderRow(
  doc: Document,
  row: TraceRow,
  columns: readonly TraceColumn[],
  span: number,
  current: number,
): HTMLTableRowElement {
  const tr = doc.createElement('tr');
  tr.className = 'dvr-under-row';
  tr.dataset.under = String(row.index);
  if (row.index === current) tr.setAttribute('aria-current', 'step');
  const td = doc.createElement('td');
  td.colSpan = span;
  for (const column of columns) {
    if (row[column as 'rule' | 'note'] === '—') continue;
    const p = doc.createElement('p');
    p.className = `col-${column}`;
    const label = doc.createElement('span');
    label.className = 'dvr-under-label';
    label.textContent = COLUMN_LABELS[column];
    const value = doc.createElement('span');
    value.className = column === 'rule' ? 'dvr-under-value dvr-mono' : 'dvr-under-value';
    value.textContent = row[column as 'rule' | 'note'];
    p.append(label, ' ', value);
    td.append(p);
  }
  tr.append(td);
  return tr;
}

/** Marks the current hop's rows (aria-current="step") in every table of a trace, and clears the others. */
export function markCurrentRow(root: ParentNode, current: number): HTMLTableRowElement | null {
  let found: HTMLTableRowElement | null = null;
  for (const tr of root.querySelectorAll<HTMLTableRowElement>('tr[data-hop], tr[data-under]')) {
    const hop = Number(tr.dataset.hop ?? tr.dataset.under);
    if (hop === current) {
      tr.setAttribute('aria-current', 'step');
      if (tr.dataset.hop !== undefined) found = tr;
    } else {
      tr.removeAttribute('aria-current');
    }
  }
  return found;
}
