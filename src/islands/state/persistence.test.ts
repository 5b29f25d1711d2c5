import { describe, expect, it } from 'vitest';
import { clearSaved, loadSaved, saveState, storageKey, type StorageLike } from './persistence';
import { FAKE_REQUEST } from './test-fixtures';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const throwing = (error: unknown): StorageLike => ({
  getItem: () => {
    throw error;
  },
  setItem: () => {
    throw error;
  },
  removeItem: () => {
    throw error;
  },
});

const key = storageKey('/snat/', 'snat-seed');

describe('persistence', () => {
  it('saveState then loadSaved gives back the text as typed, even when it is not JSON', () => {
    const storage = memoryStorage();
    expect(saveState(storage, key, { text: '{ broken', request: FAKE_REQUEST })).toBeNull();
    expect(loadSaved(storage, key)).toEqual({ kind: 'ok', state: { text: '{ broken', request: FAKE_REQUEST } });
  });

  it('storageKey separates chapters and examples', () => {
    expect(storageKey('/snat/', 'a')).not.toBe(storageKey('/fip/', 'a'));
    expect(storageKey('/snat/', 'a')).not.toBe(storageKey('/snat/', 'b'));
  });

  it('loadSaved reports nothing saved as none', () => {
    expect(loadSaved(memoryStorage(), key)).toEqual({ kind: 'none' });
  });

  it('loadSaved reports garbage in storage instead of throwing', () => {
    const storage = memoryStorage();
    for (const garbage of ['not json', '42', 'null', '{"text":3}']) {
      storage.data.set(key, garbage);
      const result = loadSaved(storage, key);
      expect(result.kind).toBe('error');
    }
  });

  it('loadSaved gives back the text whatever the saved packet holds: the core’s request parser judges the packet', () => {
    const storage = memoryStorage();
    const long = { from: 'V'.repeat(250), to: '8.8.8.8' };
    storage.data.set(key, JSON.stringify({ text: '{ not json', request: long }));
    expect(loadSaved(storage, key)).toEqual({ kind: 'ok', state: { text: '{ not json', request: long } });
  });

  it('saveState says the storage is full on QuotaExceededError', () => {
    const message = saveState(throwing(new DOMException('full', 'QuotaExceededError')), key, {
      text: 'x',
      request: FAKE_REQUEST,
    });
    expect(message).toMatch(/full/);
  });

  it('a disabled or missing storage never throws and says what could not be saved', () => {
    const broken = throwing(new DOMException('denied', 'SecurityError'));
    expect(saveState(broken, key, { text: 'x', request: FAKE_REQUEST })).toMatch(/could not be saved/);
    expect(loadSaved(broken, key).kind).toBe('error');
    expect(clearSaved(broken, key)).toMatch(/could not be removed/);
    expect(saveState(null, key, { text: 'x', request: FAKE_REQUEST })).toMatch(/does not allow saving/);
    expect(loadSaved(null, key).kind).toBe('error');
    expect(clearSaved(null, key)).toBeNull();
  });
});
