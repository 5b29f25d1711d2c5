/** Shows the selected host in the console's prompt and in its input's accessible name (first paint and terminal alike). */
export function showHost(el: HTMLElement): void {
  const select = el.querySelector<HTMLSelectElement>('select[data-role="host"]');
  const input = el.querySelector<HTMLInputElement>('input[data-role="input"]');
  const prompt = el.querySelector<HTMLElement>('[data-role="prompt"]');
  if (!select || !input || !prompt) return;
  prompt.textContent = `root@${select.value}:~#`;
  input.setAttribute('aria-label', `Command to run on ${select.value}`);
}
