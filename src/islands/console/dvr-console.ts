/**
 * `<dvr-console>`: the host console's first-paint part. It only waits for the reader to reach the
 * console (focus, pointer, a key), then loads the terminal (console-session.ts) and hands over; a line
 * submitted before it arrives is kept and run once it has.
 */
export class DvrConsole extends HTMLElement {
  private session: Promise<{ submit(): void }> | null = null;

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
  }

  private load(): Promise<{ submit(): void }> {
    this.session ??= import('./console-session').then(({ attachConsole }) => attachConsole(this));
    return this.session;
  }
}

if (!customElements.get('dvr-console')) customElements.define('dvr-console', DvrConsole);
