import type { TraceRequest } from '../../view-model/core-types';
import { loadCore } from '../state/load-core';
import { browserStorage } from '../state/persistence';
import { sandboxStore } from '../state/sandbox-store';
import {
  announce,
  RESET_EVENT,
  SET_SCENARIO_EVENT,
  SOLVED_EVENT,
  type ResetDetail,
  type SetScenarioDetail,
  type SolvedDetail,
} from './exercise-events';
import { exerciseState, judgeChoice, statusText, type ExerciseState } from './exercise-status';
import { rememberSolved, wasSolved } from './exercise-storage';
import { readData } from '../state/read-data';

/** How long typing must pause before the goal is checked again (the sandbox itself waits 150 ms). */
const CHECK_DELAY_MS = 200;

interface Choice {
  label: string;
  expect: string[];
}

/**
 * `<dvr-exercise>`: one exercise of a chapter. Checks its goal against the live scenario of its example
 * (the page's sandbox store) on every change, or judges the chosen answer of a choice exercise; remembers
 * a solved exercise in localStorage, and asks the sandbox to show the solution or to reset through page events.
 */
export class DvrExercise extends HTMLElement {
  private request: TraceRequest = { from: '', to: '' };
  private expect: string[] = [];
  private choices: Choice[] | null = null;
  private solvedBefore = false;
  private metNow = false;
  private lastText: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private checkSeq = 0;
  private unsubscribe: (() => void) | null = null;
  private onClick = (event: Event) => this.act(event);

  connectedCallback(): void {
    if (this.unsubscribe) return;
    const id = this.dataset.id ?? '';
    this.request = readData<TraceRequest>(this.dataset.request) ?? this.request;
    this.expect = readData<string[]>(this.dataset.expect) ?? [];
    this.choices = readData<Choice[]>(this.dataset.choices);
    this.solvedBefore = wasSolved(browserStorage(), id);
    this.show();
    this.addEventListener('click', this.onClick);
    this.querySelector('form')?.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.checkChoice();
    });
    const store = sandboxStore(this.dataset.example ?? '');
    // A goal exercise follows every change of the scenario; a choice exercise is judged only on "Check".
    if (!this.choices) {
      this.unsubscribe = store.subscribe((state) => {
        if (state.text === null || state.text === this.lastText) return;
        this.lastText = state.text;
        if (this.timer !== null) clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.checkGoal(state.text ?? ''), CHECK_DELAY_MS);
      });
    } else {
      this.unsubscribe = () => {};
    }
    this.dataset.ready = 'true';
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer !== null) clearTimeout(this.timer);
    this.removeEventListener('click', this.onClick);
    this.checkSeq++;
  }

  private get example(): string {
    return this.dataset.example ?? '';
  }

  /** The chapter's example text, as the page's sandbox was built with it (known not to meet a goal). */
  private exampleText(): string | null {
    const sandbox = document.querySelector<HTMLElement>(`dvr-sandbox[data-example="${CSS.escape(this.example)}"]`);
    return sandbox?.dataset.scenario ?? null;
  }

  /** The scenario now in the sandbox, or the chapter's example before the sandbox has started. */
  private currentText(): string | null {
    return sandboxStore(this.example).get().text ?? this.exampleText();
  }

  private async checkGoal(text: string): Promise<void> {
    const seq = ++this.checkSeq;
    let met = false;
    let detail = '';
    // The build has checked that the example alone does not meet the goal: no need to load the simulator for it.
    if (text !== this.exampleText()) {
      try {
        const core = await loadCore();
        if (seq !== this.checkSeq) return;
        const result = core.checkClaim(text, { request: this.request, expect: this.expect });
        met = result.ok;
        if (!met)
          detail = result.errors.length
            ? 'The scenario in the sandbox has problems; fix them to check the goal.'
            : `Not yet: ${result.failures.join('; ')}.`;
      } catch {
        detail = 'The simulator could not be loaded, so the goal cannot be checked. Reload the page to try again.';
      }
    }
    if (seq !== this.checkSeq) return;
    this.settle(met, detail);
  }

  /** The answers that hold on the scenario now in the sandbox; null when the simulator cannot be loaded. */
  private async holdingChoices(): Promise<string[] | null> {
    const text = this.currentText();
    // On the chapter's example the build has found the one answer already: no need to load the simulator.
    if (text === null || text === this.exampleText()) return this.dataset.answer ? [this.dataset.answer] : [];
    try {
      const core = await loadCore();
      return (this.choices ?? [])
        .filter((c) => core.checkClaim(text, { request: this.request, expect: c.expect }).ok)
        .map((c) => c.label);
    } catch {
      return null;
    }
  }

  private async checkChoice(): Promise<void> {
    const chosen = this.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.value ?? null;
    const holding = chosen === null ? [] : await this.holdingChoices();
    if (holding === null) {
      this.settle(
        false,
        'The simulator could not be loaded, so the answer cannot be checked. Reload the page to try again.',
      );
      return;
    }
    const verdict = judgeChoice(chosen, holding);
    this.settle(verdict.correct, verdict.message);
  }

  /** "Show answer": selects the answer that holds on the reader's scenario and judges it. */
  private async revealChoice(): Promise<void> {
    const holding = await this.holdingChoices();
    if (holding?.length === 1) {
      const radio = [...this.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
        (r) => r.value === holding[0],
      );
      if (radio) radio.checked = true;
    }
    await this.checkChoice();
  }

  /** Records the outcome of a check and shows it. */
  private settle(met: boolean, detail: string): void {
    this.metNow = met;
    if (met && !this.solvedBefore) {
      this.solvedBefore = true;
      rememberSolved(browserStorage(), this.dataset.id ?? '');
      announce<SolvedDetail>(SOLVED_EVENT, { id: this.dataset.id ?? '' });
    }
    this.show(detail);
  }

  private show(detail = ''): void {
    const state: ExerciseState = exerciseState(this.metNow, this.solvedBefore);
    this.dataset.state = state;
    const status = this.querySelector<HTMLElement>('[data-role="status"]');
    const text = statusText(state, this.choices !== null);
    if (status && status.textContent !== text) status.textContent = text;
    const more = this.querySelector<HTMLElement>('[data-role="detail"]');
    if (more) {
      more.textContent = detail;
      more.hidden = detail === '';
    }
  }

  private act(event: Event): void {
    const action = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-action]')?.dataset.action;
    if (action === 'solution') this.showSolution();
    else if (action === 'reset') {
      announce<ResetDetail>(RESET_EVENT, { example: this.example });
      this.querySelector<HTMLElement>('[data-role="solution"]')?.setAttribute('hidden', '');
    }
  }

  private showSolution(): void {
    const panel = this.querySelector<HTMLElement>('[data-role="solution"]');
    if (this.choices) {
      void this.revealChoice();
      return;
    }
    const text = this.dataset.solution;
    if (!text) return;
    announce<SetScenarioDetail>(SET_SCENARIO_EVENT, { example: this.example, text });
    panel?.removeAttribute('hidden');
  }
}

if (!customElements.get('dvr-exercise')) customElements.define('dvr-exercise', DvrExercise);
