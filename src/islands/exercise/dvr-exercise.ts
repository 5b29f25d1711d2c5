import type { TraceRequest } from '../../view-model/core-types';
import { subscribeCell } from '../state/cell-scheduler';
import { exampleText } from '../state/example-text';
import { loadCore } from '../state/load-core';
import { browserStorage } from '../state/persistence';
import { sandboxStore, type SandboxState } from '../state/sandbox-store';
import { scenarioErrors, traceOn } from '../state/result-traces';
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
  /** The run last judged: the result's revision and the error list, as the store published them. */
  private judged: { revision: number; errors: unknown } | null = null;
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
    // A goal exercise follows every run of the sandbox (it reads the run's result, never simulates again);
    // a choice exercise is judged only on "Check".
    if (!this.choices) {
      this.unsubscribe = subscribeCell(this, store, (state, schedule) => {
        if (state.text === null) return;
        const revision = state.result?.revision ?? -1;
        if (this.judged && this.judged.revision === revision && this.judged.errors === state.errors) return;
        this.judged = { revision, errors: state.errors };
        // An exercise far from the screen is judged after the reader's frame (see CellScheduler).
        schedule(() => void this.checkGoal(state));
      });
    } else {
      this.unsubscribe = () => {};
    }
    this.dataset.ready = 'true';
  }

  disconnectedCallback(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.removeEventListener('click', this.onClick);
    this.checkSeq++;
    // A judgement still waiting for its turn is dropped with the element: judge again if it comes back.
    this.judged = null;
  }

  private get example(): string {
    return this.dataset.example ?? '';
  }

  /** The scenario now in the sandbox, or the chapter's example before the sandbox has started. */
  private currentText(): string | null {
    return sandboxStore(this.example).get().text ?? exampleText(this.example);
  }

  /**
   * Which expectations fail on the sandbox's current scenario: judged on the result the sandbox produced (its
   * model, and its trace when the packet is the sandbox's); null when there is nothing to judge yet (the page
   * still shows the build's render of the example).
   */
  private async failures(state: SandboxState, expect: readonly string[]): Promise<string[] | 'core' | null> {
    const errors = scenarioErrors(state.errors);
    if (errors.length === 0 && !state.result) return null;
    let core;
    try {
      core = await loadCore(); // loaded already whenever the sandbox has run
    } catch {
      return 'core';
    }
    const traced = errors.length ? { trace: null, errors } : traceOn(core, state.result!, this.request);
    return expect.map((e) => core.checkExpectation(traced.trace, traced.errors, e)).filter((f) => f !== null);
  }

  private async checkGoal(state: SandboxState): Promise<void> {
    const seq = ++this.checkSeq;
    let met = false;
    let detail = '';
    // The build has checked that the example alone does not meet the goal.
    if (state.text !== exampleText(this.example)) {
      const failures = await this.failures(state, this.expect);
      if (seq !== this.checkSeq) return;
      if (failures === 'core')
        detail = 'The simulator could not be loaded, so the goal cannot be checked. Reload the page to try again.';
      else if (failures !== null) {
        met = failures.length === 0;
        const invalid = this.expect.some((e) => e.trim().startsWith('invalid'));
        if (!met)
          detail =
            scenarioErrors(state.errors).length && !invalid
              ? 'The scenario in the sandbox has problems; fix them to check the goal.'
              : `Not yet: ${failures.join('; ')}.`;
      }
    }
    if (seq !== this.checkSeq) return;
    this.settle(met, detail);
  }

  /** The answers that hold on the scenario now in the sandbox; null when the simulator cannot be loaded. */
  private async holdingChoices(): Promise<string[] | null> {
    const state = sandboxStore(this.example).get();
    const text = this.currentText();
    // On the chapter's example the build has found the one answer already: no need to load the simulator.
    if (text === null || text === exampleText(this.example) || (!state.result && state.errors.length === 0))
      return this.dataset.answer ? [this.dataset.answer] : [];
    const holding: string[] = [];
    for (const c of this.choices ?? []) {
      const failures = await this.failures(state, c.expect);
      if (failures === 'core') return null;
      if (failures !== null && failures.length === 0) holding.push(c.label);
    }
    return holding;
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
