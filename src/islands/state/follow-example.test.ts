import { beforeAll, describe, expect, it } from 'vitest';
import { followExample } from './follow-example';
import { loadCore } from './load-core';
import { sandboxStore, type LiveResult } from './sandbox-store';

const fakeResult = (revision: number) => ({ revision, trace: {}, model: {}, topology: {} }) as unknown as LiveResult;
const settle = () => new Promise((r) => setTimeout(r, 20));

describe('followExample', () => {
  // The first import of the core transforms its source; after that the loader resolves in a microtask.
  beforeAll(() => loadCore(), 60_000);

  it('mirrors the stale flag and renders each new result once, with the loaded core', async () => {
    const el = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    const store = sandboxStore('follow-example-test');
    const seen: number[] = [];
    const stop = followExample(el, 'follow-example-test', (core, result) => {
      expect(typeof core.simulate).toBe('function');
      seen.push(result.revision);
    });
    expect(el.dataset.stale).toBe('false');
    store.setKey('stale', true);
    expect(el.dataset.stale).toBe('true');
    store.setKey('result', fakeResult(1));
    await settle();
    store.setKey('stale', false);
    await settle();
    expect(seen).toEqual([1]);
    store.setKey('result', fakeResult(2));
    store.setKey('result', fakeResult(3));
    await settle();
    // Revision 2 was overtaken by 3 before the core resolved: only the newest is rendered.
    expect(seen).toEqual([1, 3]);
    stop();
    store.setKey('result', fakeResult(4));
    await settle();
    expect(seen).toEqual([1, 3]);
  });
});
