import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StorageLike } from './persistence';
import { createSandboxController, type SandboxCore } from './sandbox-controller';
import { sandboxStore } from './sandbox-store';
import { encodeShareHash } from './share-link';
import { buildModel, loadScenario, parseTraceRequest, topology, tracePacket } from '@dvr-lab/sandbox-core';
import { FAKE_REQUEST, FAKE_SCENARIO_TEXT } from './test-fixtures';

/** The real simulator: the controller's tests run on what the core returns, not on a hand-made trace. */
const core: SandboxCore = { loadScenario, buildModel, tracePacket, topology, parseTraceRequest };

/** The source the SNAT hop of the current result gives the packet (the shared address, as the text sets it). */
const snatSource = (state: {
  result: { trace: { hops: { changed: string[]; packet: { ipSrc: string } }[] } } | null;
}) => state.result?.trace.hops.find((hop) => hop.changed.includes('ipSrc'))?.packet.ipSrc;

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

let n = 0;
function setup(storage: StorageLike | null = memoryStorage()) {
  const store = sandboxStore(`test-${++n}`);
  const loadCore = vi.fn(() => Promise.resolve(core));
  const controller = createSandboxController(store, {
    exampleId: 'snat-seed',
    example: { text: FAKE_SCENARIO_TEXT, request: FAKE_REQUEST },
    loadCore,
    storage,
    storageKey: 'k',
    debounceMs: 150,
    saveDelayMs: 150,
  });
  return { store, controller, loadCore, storage };
}

describe('sandbox controller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('start() with nothing saved shows the example without loading the simulator', async () => {
    const { store, controller, loadCore } = setup();
    await controller.start('');
    expect(store.get()).toMatchObject({ text: FAKE_SCENARIO_TEXT, request: FAKE_REQUEST, result: null, notices: [] });
    expect(loadCore).not.toHaveBeenCalled();
  });

  it('a valid edit reruns once after the debounce and updates the result', async () => {
    const { store, controller, loadCore } = setup();
    await controller.start('');
    controller.editText(FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.163'));
    controller.editText(FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.170'));
    expect(loadCore).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(150);
    expect(loadCore).toHaveBeenCalledTimes(1);
    expect(snatSource(store.get())).toBe('10.100.100.170');
    expect(store.get().stale).toBe(false);
  });

  it('a large scenario runs in stages with the browser’s turn between them, and a newer edit drops the older run', async () => {
    const store = sandboxStore(`test-${++n}`);
    const stages: string[] = [];
    const turns: (() => void)[] = [];
    const controller = createSandboxController(store, {
      exampleId: 'snat-seed',
      example: { text: FAKE_SCENARIO_TEXT, request: FAKE_REQUEST },
      loadCore: () => Promise.resolve(core),
      storage: null,
      storageKey: 'k',
      onStage: (stage) => stages.push(stage),
      yieldToBrowser: () => new Promise<void>((resume) => turns.push(resume)),
    });
    await controller.start('');
    // Whitespace makes a cloud-sized text of the same scenario (JSON allows it anywhere between tokens).
    const large = (ip: string) => FAKE_SCENARIO_TEXT.replace('10.100.100.162', ip) + ' '.repeat(60_000);
    const giveTurn = async () => {
      await vi.advanceTimersByTimeAsync(0);
      turns.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    };
    controller.editText(large('10.100.100.170'), 'now');
    await vi.advanceTimersByTimeAsync(0);
    expect(stages).toEqual(['reading']);
    await giveTurn();
    expect(stages).toEqual(['reading', 'tracing']);
    expect(store.get().result).toBeNull();
    // A newer edit arrives while the first run waits for its turn: the first never publishes.
    controller.editText(large('10.100.100.171'), 'now');
    while (turns.length) await giveTurn();
    expect(stages).toEqual(['reading', 'tracing', 'reading', 'tracing', 'drawing']);
    expect(snatSource(store.get())).toBe('10.100.100.171');
    expect(store.get().result?.revision).toBe(1);
  });

  it('a scenario the core neither reads nor faults is reported, not left blank and out of date', async () => {
    const store = sandboxStore(`test-${++n}`);
    const controller = createSandboxController(store, {
      exampleId: 'snat-seed',
      example: { text: FAKE_SCENARIO_TEXT, request: FAKE_REQUEST },
      loadCore: () => Promise.resolve({ ...core, loadScenario: () => ({ scenario: null, errors: [] }) }),
      storage: null,
      storageKey: 'k',
    });
    await controller.start('');
    controller.editText(FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.170'), 'now');
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get()).toMatchObject({
      stale: true,
      errors: [{ path: '', message: 'The simulator returned no trace for this scenario.' }],
    });
  });

  it('a form edit reruns at once, without waiting for a typing pause, and is saved once edits pause', async () => {
    const storage = memoryStorage();
    const { store, controller } = setup(storage);
    await controller.start('');
    controller.editText(FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.170'), 'now');
    await vi.advanceTimersByTimeAsync(0);
    expect(snatSource(store.get())).toBe('10.100.100.170');
    expect(storage.data.size).toBe(0);
    await vi.advanceTimersByTimeAsync(150);
    expect(storage.data.size).toBe(1);
  });

  it('a new packet reruns at once', async () => {
    const { store, controller } = setup();
    await controller.start('');
    await controller.runNow();
    const before = store.get().result?.revision ?? 0;
    controller.editRequest({ ...FAKE_REQUEST, to: '1.1.1.1' });
    await vi.advanceTimersByTimeAsync(0);
    expect(store.get().result?.revision).toBe(before + 1);
    expect(store.get().result?.trace.hops.at(-1)?.packet.ipDst).toBe('1.1.1.1');
  });

  it('an invalid edit keeps the last valid result, marks it stale and reports the error', async () => {
    const { store, controller } = setup();
    await controller.start('');
    await controller.runNow();
    const before = store.get().result;
    controller.editText('{ "version": ');
    await vi.advanceTimersByTimeAsync(150);
    expect(store.get()).toMatchObject({ result: before, stale: true, text: '{ "version": ' });
    expect(store.get().errors.length).toBeGreaterThan(0);
    expect(store.get().errors[0]).toMatchObject({ line: 1 });
  });

  it('an invalid first edit marks the build-time render stale', async () => {
    const { store, controller } = setup();
    await controller.start('');
    controller.editText('{ "version": ');
    expect(store.get().stale).toBe(false);
    await vi.advanceTimersByTimeAsync(150);
    expect(store.get()).toMatchObject({ result: null, stale: true });
  });

  it('the reader’s text is saved even when invalid, and start() restores it', async () => {
    const storage = memoryStorage();
    const first = setup(storage);
    await first.controller.start('');
    first.controller.editText('{ broken');
    await vi.advanceTimersByTimeAsync(150);
    const second = setup(storage);
    await second.controller.start('');
    expect(second.store.get().text).toBe('{ broken');
    expect(second.store.get().errors.length).toBeGreaterThan(0);
  });

  it('reset() goes back to the example and forgets the saved edit', async () => {
    const storage = memoryStorage();
    const { store, controller } = setup(storage);
    await controller.start('');
    controller.editText('{}');
    await vi.advanceTimersByTimeAsync(150);
    expect(storage.data.size).toBe(1);
    controller.reset();
    expect(store.get().text).toBe(FAKE_SCENARIO_TEXT);
    expect(storage.data.size).toBe(0);
    expect(controller.isExample()).toBe(true);
  });

  it('saves an edit once typing pauses, not at every keystroke, and at once when flushed (page hidden)', async () => {
    const writes: string[] = [];
    const storage = memoryStorage();
    const counting: StorageLike = { ...storage, setItem: (k, v) => (writes.push(v), storage.setItem(k, v)) };
    const { controller } = setup(counting);
    await controller.start('');
    for (const octet of ['1', '16', '165'])
      controller.editText(FAKE_SCENARIO_TEXT.replace('10.100.100.162', `10.100.100.${octet}`));
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(150);
    expect(writes).toHaveLength(1);
    expect(JSON.parse(writes[0]).text).toContain('10.100.100.165');
    controller.editText('{ typed just before leaving');
    controller.flush();
    expect(writes).toHaveLength(2);
    expect(JSON.parse(storage.data.get('k')!).text).toBe('{ typed just before leaving');
    controller.flush();
    expect(writes).toHaveLength(2);
  });

  it('an edit still waiting for its pause is saved before a new link replaces it', async () => {
    const storage = memoryStorage();
    const { store, controller } = setup(storage);
    await controller.start('');
    controller.editText('{ typed, then a bad link pasted within the pause');
    await controller.start('#s=9.abc');
    // A link that cannot be opened replaces nothing: the typed edit was saved, and is what the sandbox shows.
    expect(store.get().text).toBe('{ typed, then a bad link pasted within the pause');
    expect(JSON.parse(storage.data.get('k')!).text).toBe('{ typed, then a bad link pasted within the pause');
    controller.flush();
    expect(JSON.parse(storage.data.get('k')!).text).toBe('{ typed, then a bad link pasted within the pause');
  });

  it('start() restores a share link over the saved edit, and saves it', async () => {
    const storage = memoryStorage();
    const { store, controller } = setup(storage);
    const text = FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.171');
    const hash = await encodeShareHash({ example: 'snat-seed', text, request: { ...FAKE_REQUEST, proto: 'udp' } });
    storage.data.set('k', JSON.stringify({ text: '{}', request: FAKE_REQUEST }));
    await controller.start(hash);
    expect(store.get()).toMatchObject({ text, request: { proto: 'udp' } });
    expect(snatSource(store.get())).toBe('10.100.100.171');
    expect(JSON.parse(storage.data.get('k')!).text).toBe(text);
  });

  it('start() with a bad link says so and shows the example', async () => {
    const { store, controller } = setup();
    await controller.start('#s=9.abc');
    expect(store.get().text).toBe(FAKE_SCENARIO_TEXT);
    expect(store.get().notices.join(' ')).toMatch(/could not be opened/);
  });

  it('start() again (a link pasted into an open page) replaces an edited state and reruns', async () => {
    const { store, controller } = setup();
    await controller.start('');
    controller.editText('{ broken');
    await controller.runNow();
    const text = FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.174');
    await controller.start(await encodeShareHash({ example: 'snat-seed', text, request: FAKE_REQUEST }));
    expect(store.get()).toMatchObject({ text, errors: [], stale: false });
    expect(snatSource(store.get())).toBe('10.100.100.174');
  });

  it('start() with a link made on another chapter keeps this sandbox and offers to open the link on its chapter', async () => {
    const { store, controller } = setup();
    const hash = await encodeShareHash({ example: 'other', page: '/floating-ips/', text: '{}', request: FAKE_REQUEST });
    await controller.start(hash);
    expect(store.get().text).toBe(FAKE_SCENARIO_TEXT);
    expect(store.get().offers).toEqual([
      {
        kind: 'elsewhere',
        message: expect.stringMatching(/another chapter’s sandbox \(example “other”\)/),
        href: `/floating-ips/${hash}`,
      },
    ]);
    // An older link names no chapter: the page still says what it is.
    await controller.start(await encodeShareHash({ example: 'other', text: '{}', request: FAKE_REQUEST }));
    expect(store.get().offers).toEqual([
      { kind: 'elsewhere', message: expect.stringMatching(/does not say which chapter/), href: null },
    ]);
  });

  it('start() never follows a link’s page that is not a plain path of this site', async () => {
    const { store, controller } = setup();
    for (const page of ['//evil.example/', 'javascript:alert(1)', 'https://evil.example/', '/a b/']) {
      await controller.start(await encodeShareHash({ example: 'other', page, text: '{}', request: FAKE_REQUEST }));
      expect(store.get().offers[0]).toMatchObject({ kind: 'elsewhere', href: null });
    }
  });

  it('start() with a link over the reader’s saved edit keeps that edit aside and offers to restore it', async () => {
    const storage = memoryStorage();
    const { store, controller } = setup(storage);
    const mine = { text: FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.163'), request: FAKE_REQUEST };
    storage.data.set('k', JSON.stringify(mine));
    const linked = FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.175');
    await controller.start(await encodeShareHash({ example: 'snat-seed', text: linked, request: FAKE_REQUEST }));
    expect(store.get().text).toBe(linked);
    expect(store.get().offers).toEqual([{ kind: 'restore', message: expect.stringMatching(/Your edit is kept/) }]);
    expect(JSON.parse(storage.data.get('k:before-link')!)).toEqual(mine);
    // A reload (no link any more) still offers it.
    const again = setup(storage);
    await again.controller.start('');
    expect(again.store.get().offers.map((o) => o.kind)).toEqual(['restore']);
    await controller.restorePrevious();
    expect(store.get()).toMatchObject({ text: mine.text, offers: [] });
    expect(snatSource(store.get())).toBe('10.100.100.163');
    expect(JSON.parse(storage.data.get('k')!).text).toBe(mine.text);
    expect(storage.data.has('k:before-link')).toBe(false);
  });

  it('start() with a link equal to the saved edit offers nothing to restore; discardPrevious() forgets a kept edit', async () => {
    const storage = memoryStorage();
    const { store, controller } = setup(storage);
    const mine = { text: '{ mine', request: FAKE_REQUEST };
    storage.data.set('k', JSON.stringify(mine));
    await controller.start(await encodeShareHash({ example: 'snat-seed', ...mine }));
    expect(store.get().offers).toEqual([]);
    await controller.start(await encodeShareHash({ example: 'snat-seed', text: '{ theirs', request: FAKE_REQUEST }));
    expect(store.get().offers.map((o) => o.kind)).toEqual(['restore']);
    controller.discardPrevious();
    expect(store.get().offers).toEqual([]);
    expect(store.get().text).toBe('{ theirs');
  });

  it('start() with a link or saved edit whose packet the core refuses keeps the text and says why', async () => {
    const storage = memoryStorage();
    const { store, controller } = setup(storage);
    const text = FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.176');
    const request = { from: 'V'.repeat(250), to: '8.8.8.8' };
    storage.data.set('k', JSON.stringify({ text, request }));
    await controller.start('');
    expect(store.get()).toMatchObject({ text, request: FAKE_REQUEST });
    expect(store.get().notices.join(' ')).toMatch(
      /saved packet could not be used \(from: is too long \(250 characters/,
    );
    await controller.start(
      await encodeShareHash({ example: 'snat-seed', text, request: { ...FAKE_REQUEST, dport: 0 } }),
    );
    expect(store.get().notices.join(' ')).toMatch(/link’s packet could not be used \(dport: port 0 must be/);
  });

  it('inputRequest() keeps only a packet the core accepts, and returns the problems of the rest', async () => {
    const { store, controller } = setup();
    await controller.start('');
    expect(await controller.inputRequest({ from: 'V'.repeat(201), to: '8.8.8.8', proto: 'icmp' })).toEqual([
      { path: '/request/from', message: expect.stringContaining('is too long (201 characters; at most 64') },
    ]);
    expect(store.get().request).toEqual(FAKE_REQUEST);
    expect(await controller.inputRequest({ from: 'VM3', to: '1.1.1.1', proto: 'tcp', dport: '443' })).toEqual([]);
    expect(store.get().request).toEqual({ from: 'VM3', to: '1.1.1.1', proto: 'tcp', dport: 443 });
  });

  it('failing storage never breaks editing and says what could not be saved', async () => {
    const failing: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {},
    };
    const { store, controller } = setup(failing);
    await controller.start('');
    controller.editText(FAKE_SCENARIO_TEXT.replace('10.100.100.162', '10.100.100.165'));
    await vi.advanceTimersByTimeAsync(150);
    expect(snatSource(store.get())).toBe('10.100.100.165');
    expect(store.get().notices.join(' ')).toMatch(/could not be saved.*full/);
  });

  it('a simulator that cannot load leaves a message, not a dead page', async () => {
    const { store, controller, loadCore } = setup();
    loadCore.mockRejectedValueOnce(new Error('offline'));
    await controller.start('');
    await controller.runNow();
    expect(store.get().notices.join(' ')).toMatch(/could not be loaded/);
  });
});
