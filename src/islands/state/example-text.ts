/**
 * The chapter's example scenario text, as the build gave it to the page's sandbox for this example (null when the
 * page has no such sandbox): how a cell tells the reader's text from the example without a store of its own.
 */
export function exampleText(exampleId: string): string | null {
  const sandbox = document.querySelector<HTMLElement>(`dvr-sandbox[data-example="${CSS.escape(exampleId)}"]`);
  return sandbox?.dataset.scenario ?? null;
}
