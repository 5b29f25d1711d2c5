import type { MapStore } from 'nanostores';
import { diagramTitle, omittedHostsText } from '../../view-model/diagram-focus';
import { arrangementFor, layoutDiagram, type DiagramArrangement } from '../../view-model/diagram-layout';
import type { DiagramTopology } from '../../view-model/diagram-focus';
import { hopMarks, hopStatus, type HopMark } from '../../view-model/hop-marks';
import { inspectHop, packetLine } from '../../view-model/hop-inspector';
import type { Trace } from '../../view-model/core-types';
import { renderInspector } from './render-inspector';
import { markDiagramRendered } from '../state/perf-marks';
import { sandboxStore, setHop, type SandboxState } from '../state/sandbox-store';
import { exampleText } from '../state/example-text';
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
  /** The trace the inspector reads: the build's until the simulator has run, then the live one. */
  private trace: Trace | null = null;
  /** The build's topology, drawn again (stacked) when the box is too narrow for the wide drawing. */
  private buildTopology: DiagramTopology | null = null;
  private drawnArrangement: DiagramArrangement = 'wide';
  private wideWidths = new WeakMap<object, number>();
  private resizeObserver: ResizeObserver | null = null;
  /**
   * The canvas's width, as the ResizeObserver last reported it (0 until it has). Reading `clientWidth` while the
   * store notifies would force a style and layout pass of the whole page after the other islands' DOM changes
   * (≈ 45 ms per edit on the comparison chapter).
   */
  private canvasWidth = 0;
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
    this.trace = readData<Trace>(this.dataset.trace);
    this.buildTopology = readData<DiagramTopology>(this.dataset.topology);
    // The build drew the arrangement it chose for a desktop box (see DESKTOP_DRAWING_BOX): start from that one.
    if (this.svg?.dataset.arrangement === 'stacked') this.drawnArrangement = 'stacked';
    this.reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');
    // The trace table is the drawing's text alternative; on a page without one, do not point at nothing.
    const svg = this.svg;
    const described = svg?.getAttribute('aria-describedby');
    if (svg && described && !document.getElementById(described)) svg.removeAttribute('aria-describedby');
    this.enableControls();
    this.unsubscribe = this.store.subscribe((state) => this.render(state));
    // A phone, a narrow window or a rotated screen: re-arrange the drawing when its box changes width.
    const canvas = this.querySelector<HTMLElement>('[data-role="canvas"]');
    if (canvas && typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver((entries) => {
        const width = entries.at(-1)?.contentBoxSize[0]?.inlineSize ?? entries.at(-1)?.contentRect.width ?? 0;
        if (width === this.canvasWidth) return;
        this.canvasWidth = width;
        if (this.store) this.render(this.store.get());
      });
      this.resizeObserver.observe(canvas);
    }
  }

  disconnectedCallback(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = null;
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
    // An edit, or a share link or saved edit that differs from the example, will soon need the drawing code: start
    // loading it while the simulator runs, not after.
    if (state.text !== null && state.text !== this.seenText) {
      if (this.seenText !== undefined && this.seenText !== null) this.loadDraw();
      else if (state.text !== exampleText(this.dataset.example ?? '')) this.loadDraw();
    }
    this.seenText = state.text;
    const topology = result?.topology ?? this.buildTopology;
    const resultChanged = result !== null && result.revision !== this.revision;
    const arrangement = topology ? this.wantedArrangement(topology) : this.drawnArrangement;
    const relayout = resultChanged || arrangement !== this.drawnArrangement;
    if (!relayout && state.hop === this.shownHop) return;
    if (!this.draw) {
      this.loadDraw();
      return;
    }
    const { drawDiagram, drawPath, showHop } = this.draw;
    let redrawn = false;
    if (relayout && topology) {
      if (result && resultChanged) {
        this.revision = result.revision;
        this.marks = hopMarks(result.trace);
        this.trace = result.trace;
      }
      const layout = layoutDiagram(topology, arrangement);
      drawDiagram(svg, layout);
      this.points = drawPath(svg, layout, this.marks);
      this.drawnArrangement = arrangement;
      if (result && resultChanged) {
        this.fillJump();
        this.describe(state, result.topology.omittedHosts);
        if (this.dataset.example) markDiagramRendered(this.dataset.example, result.revision);
      }
      redrawn = true;
    }
    if (redrawn || state.hop !== this.shownHop) {
      showHop(svg, this.marks, this.points, state.hop, !redrawn && !this.reducedMotion?.matches);
      this.shownHop = state.hop;
      const jump = this.querySelector<HTMLSelectElement>('select[data-role="jump"]');
      if (jump) jump.value = String(state.hop);
      const status = this.querySelector('[data-role="status"]');
      if (status) status.textContent = hopStatus(this.marks, state.hop);
      this.inspect(state.hop);
    }
  }

  /** Wide when the box holds the side-by-side drawing at a readable scale, else stacked. */
  private wantedArrangement(topology: DiagramTopology): DiagramArrangement {
    if (this.canvasWidth === 0) return this.drawnArrangement;
    let wide = this.wideWidths.get(topology);
    if (wide === undefined) {
      wide = layoutDiagram(topology, 'wide').width;
      this.wideWidths.set(topology, wide);
    }
    return arrangementFor(wide, this.canvasWidth);
  }

  /** Shows the current hop in the inspector and its addresses in the packet line. */
  private inspect(hop: number): void {
    const inspection = this.trace ? inspectHop(this.trace, hop) : null;
    const inspector = this.querySelector<HTMLElement>('[data-role="inspector"]');
    if (inspector) renderInspector(inspector, inspection);
    const line = this.querySelector<HTMLElement>('[data-role="packet-line"]');
    if (line) {
      line.textContent = inspection ? `Packet now: ${packetLine(inspection)}` : '';
    }
  }

  /** Brings the drawing and the inspector into view (a row or a step of the text was chosen far from them). */
  reveal(): void {
    const behavior = this.reducedMotion?.matches ? 'auto' : 'smooth';
    const header = 64;
    const rect = this.getBoundingClientRect();
    const current = this.querySelector('.dvr-box.dvr-current');
    if (rect.height > innerHeight - header && current) {
      // Taller than the screen (a stacked drawing, or the inspector under it, which then sticks to the screen's
      // bottom): bring the current hop's box to the upper part of the screen.
      scrollBy({ top: current.getBoundingClientRect().top - innerHeight * 0.25, behavior });
      return;
    }
    // Already wholly on screen (below the page header): nothing to do.
    if (rect.top >= header && rect.bottom <= innerHeight) return;
    this.scrollIntoView({ block: 'start', behavior });
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
