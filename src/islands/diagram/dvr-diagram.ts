import type { MapStore } from 'nanostores';
import { diagramTitle, omittedHostsText } from '../../view-model/diagram-focus';
import { layoutDiagram } from '../../view-model/diagram-layout';
import { hopMarks, hopStatus, type HopMark } from '../../view-model/hop-marks';
import { markDiagramRendered } from '../state/perf-marks';
import { sandboxStore, setHop, type SandboxState } from '../state/sandbox-store';
import { readData } from '../state/read-data';

/** The d3 drawing code, loaded on the first step or edit: the build-time SVG needs none of it to be read. */
type Draw = typeof import('./draw-diagram');

/** How long each hop stays on screen while playing (ms). */
const PLAY_STEP_MS = 1100;

/**
 * `<dvr-diagram>`: redraws the build-time SVG when the scenario changes, and walks the packet along its path:
 * step back / forward, play / pause, jump to a hop, arrow keys while the drawing has focus.
 */
export class DvrDiagram extends HTMLElement {
  private store: MapStore<SandboxState> | null = null;
  private unsubscribe: (() => void) | null = null;
  private marks: HopMark[] = [];
  private points: { x: number; y: number }[] = [];
  private revision = -1;
  private shownHop = -1;
  private timer: ReturnType<typeof setInterval> | null = null;
  private reducedMotion: MediaQueryList | null = null;
  private draw: Draw | null = null;
  private drawLoading = false;
  private seenText: string | null | undefined = undefined;

  connectedCallback(): void {
    const id = this.dataset.example;
    if (!id || this.store) return;
    this.store = sandboxStore(id);
    this.marks = readData<HopMark[]>(this.dataset.marks) ?? [];
    this.points = readData<{ x: number; y: number }[]>(this.dataset.points) ?? [];
    this.reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
    // The trace table is the drawing's text alternative; on a page without one, do not point at nothing.
    const svg = this.svg;
    const described = svg?.getAttribute('aria-describedby');
    if (svg && described && !document.getElementById(described)) svg.removeAttribute('aria-describedby');
    this.enableControls();
    this.unsubscribe = this.store.subscribe((state) => this.render(state));
  }

  disconnectedCallback(): void {
    this.pause();
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.store = null;
  }

  private get svg(): SVGSVGElement | null {
    return this.querySelector('svg[data-testid="diagram"]');
  }

  private enableControls(): void {
    this.querySelector('[data-role="controls"]')?.removeAttribute('hidden');
    this.addEventListener('click', (event) => {
      const action = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]')?.dataset
        .action;
      if (action === 'back') this.step(-1);
      else if (action === 'forward') this.step(1);
      else if (action === 'play') this.togglePlay();
    });
    const jump = this.querySelector<HTMLSelectElement>('select[data-role="jump"]');
    jump?.addEventListener('change', () => {
      this.pause();
      this.go(Number(jump.value));
    });
    this.querySelector<HTMLElement>('[data-role="canvas"]')?.addEventListener('keydown', (event) => {
      const keys: Record<string, () => void> = {
        ArrowRight: () => this.step(1),
        ArrowDown: () => this.step(1),
        ArrowLeft: () => this.step(-1),
        ArrowUp: () => this.step(-1),
        Home: () => this.go(0),
        End: () => this.go(this.marks.length - 1),
      };
      const act = keys[event.key];
      if (!act) return;
      event.preventDefault();
      this.pause();
      act();
    });
  }

  private go(hop: number): void {
    if (this.store) setHop(this.store, hop, this.marks.length);
  }

  private step(delta: number): void {
    const hop = this.store?.get().hop ?? -1;
    this.go(hop < 0 && delta < 0 ? this.marks.length - 1 : hop + delta);
  }

  private togglePlay(): void {
    if (this.timer !== null) return this.pause();
    const hop = this.store?.get().hop ?? -1;
    if (hop >= this.marks.length - 1) this.go(0);
    else this.step(1);
    this.timer = setInterval(() => {
      const now = this.store?.get().hop ?? -1;
      if (now >= this.marks.length - 1) this.pause();
      else this.step(1);
    }, PLAY_STEP_MS);
    this.setPlaying(true);
  }

  private pause(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.setPlaying(false);
  }

  private setPlaying(playing: boolean): void {
    const button = this.querySelector<HTMLButtonElement>('button[data-action="play"]');
    if (!button) return;
    button.setAttribute('aria-pressed', String(playing));
    button.textContent = playing ? 'Pause' : 'Play';
  }

  private render(state: SandboxState): void {
    this.dataset.stale = String(state.stale);
    const svg = this.svg;
    if (!svg) return;
    const result = state.result;
    // An edit will soon need the drawing code: start loading it while the simulator runs, not after.
    if (this.seenText !== undefined && state.text !== this.seenText) this.loadDraw();
    this.seenText = state.text;
    const needsDraw = (result !== null && result.revision !== this.revision) || state.hop !== this.shownHop;
    if (!needsDraw) return;
    if (!this.draw) {
      this.loadDraw();
      return;
    }
    const { drawDiagram, drawPath, showHop } = this.draw;
    let redrawn = false;
    if (result && result.revision !== this.revision) {
      this.revision = result.revision;
      const layout = layoutDiagram(result.topology);
      this.marks = hopMarks(result.trace);
      drawDiagram(svg, layout);
      this.points = drawPath(svg, layout, this.marks);
      this.fillJump();
      this.describe(state, result.topology.omittedHosts);
      if (this.dataset.example) markDiagramRendered(this.dataset.example, result.revision);
      redrawn = true;
    }
    if (redrawn || state.hop !== this.shownHop) {
      showHop(svg, this.marks, this.points, state.hop, !redrawn && !this.reducedMotion?.matches);
      this.keepInView(this.points[state.hop]);
      this.shownHop = state.hop;
      const jump = this.querySelector<HTMLSelectElement>('select[data-role="jump"]');
      if (jump) jump.value = String(state.hop);
      const status = this.querySelector('[data-role="status"]');
      if (status) status.textContent = hopStatus(this.marks, state.hop);
    }
  }

  /** Keeps the drawing's name and the list of hosts it leaves out in step with what it draws. */
  private describe(state: SandboxState, omittedHosts: readonly string[]): void {
    const title = this.svg?.querySelector(':scope > title');
    if (title && state.request)
      title.textContent = diagramTitle(state.request.from, state.request.to, omittedHosts.length);
    const details = this.querySelector<HTMLDetailsElement>('details[data-role="omitted"]');
    if (!details) return;
    const text = omittedHostsText(omittedHosts);
    details.hidden = text === null;
    const summary = details.querySelector('[data-role="omitted-summary"]');
    const list = details.querySelector('[data-role="omitted-list"]');
    if (summary) summary.textContent = text?.summary ?? '';
    if (list) list.textContent = text?.list ?? '';
  }

  /** Scrolls the drawing sideways (never the page) so the current hop is on screen on a narrow display. */
  private keepInView(point: { x: number; y: number } | undefined): void {
    const canvas = this.querySelector<HTMLElement>('[data-role="canvas"]');
    if (!canvas || !point) return;
    const margin = 60;
    if (point.x >= canvas.scrollLeft + margin && point.x <= canvas.scrollLeft + canvas.clientWidth - margin) return;
    canvas.scrollTo({
      left: Math.max(0, point.x - canvas.clientWidth / 2),
      behavior: this.reducedMotion?.matches ? 'auto' : 'smooth',
    });
  }

  private loadDraw(): void {
    if (this.draw || this.drawLoading) return;
    this.drawLoading = true;
    void import('./draw-diagram').then(
      (draw) => {
        this.draw = draw;
        if (this.store) this.render(this.store.get());
      },
      () => {
        this.drawLoading = false;
      },
    );
  }

  private fillJump(): void {
    const jump = this.querySelector<HTMLSelectElement>('select[data-role="jump"]');
    if (!jump) return;
    const none = new Option('—', '-1');
    jump.replaceChildren(none, ...this.marks.map((mark, i) => new Option(mark.label, String(i))));
  }
}

if (!customElements.get('dvr-diagram')) customElements.define('dvr-diagram', DvrDiagram);
