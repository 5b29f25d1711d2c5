/** The components that render a lab cell (class `dvr-lab-cell`): a page with one gets the lab bench's layout. */
export const LAB_CELL_COMPONENTS = ['Sandbox', 'Diagram', 'Trace', 'Compare'] as const;

const LAB_CELL_TAG = new RegExp(`<(${LAB_CELL_COMPONENTS.join('|')})[\\s/>]`);

/** Whether a chapter's MDX source uses a lab cell, so its page frame is marked for the lab bench's layout at build time. */
export function hasLabCells(mdx: string): boolean {
  return LAB_CELL_TAG.test(mdx);
}
