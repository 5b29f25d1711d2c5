import type { ConsoleSession } from './console-session';

/**
 * `<dvr-console>`: the host console's first-paint part. It only waits for the reader to reach the
 * console (focus, pointer, a key), then loads the terminal (console-session.ts) and hands over; a line
 * submitted, or a word Tab-completed, before it arrives is kept and run or completed once it has.
 */
export class DvrConsole extends HTMLElement {
  private session: Promise<ConsoleSession> | null = null;
  private attached = false;

  connectedCallback(): void {
    const start = () => void this.load();
    // Choosing a host loads the terminal too; it then shows the host in the prompt.
    this.addEventListener('change', start, { once: true });
    this.addEventListener('focusin', start, { once: true });
    this.addEventListener('pointerenter', start, { once: true });
    // Enter before the terminal has loaded must not reload the page.
    this.querySelector('form')?.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.load().then((s) => s.submit());
    });
    // Tab on a word before the terminal has loaded completes it once it has (the terminal handles Tab after that);
    // on an empty line Tab moves focus on, as it always does.
    const input = this.querySelector<HTMLInputElement>('input[data-role="input"]');
    input?.addEventListener('keydown', (event) => {
      if (this.attached || event.key !== 'Tab' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey)
        return;
      if (input.value.trim() === '') return;
      event.preventDefault();
      const line = input.value;
      this.load().then(
        (s) => s.complete(line),
        () => {},
      );
    });
  }

  private load(): Promise<ConsoleSession> {
    this.session ??= import('./console-session').then(({ attachConsole }) => {
      this.attached = true;
      return attachConsole(this);
    });
    return this.session;
  }
}

if (!customElements.get('dvr-console')) customElements.define('dvr-console', DvrConsole);
