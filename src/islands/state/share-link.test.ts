import { describe, expect, it } from 'vitest';
import { decodeShareHash, encodeShareHash, MAX_SHARE_HASH_CHARS, SHARE_PREFIX, toBase64Url } from './share-link';
import { FAKE_REQUEST, FAKE_SCENARIO_TEXT } from './test-fixtures';

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('share links', () => {
  it('encodeShareHash then decodeShareHash restores exactly the text, request and example', async () => {
    const state = {
      example: 'snat-seed',
      text: FAKE_SCENARIO_TEXT + '  // not JSON, kept as typed ✓',
      request: { ...FAKE_REQUEST, proto: 'tcp' as const, dport: 443 },
    };
    const hash = await encodeShareHash(state);
    expect(hash).toMatch(/^#s=1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareHash(hash)).toEqual({ kind: 'ok', state });
  });

  it('compresses: the seed scenario fits in a short link', async () => {
    const hash = await encodeShareHash({ text: FAKE_SCENARIO_TEXT, request: FAKE_REQUEST });
    expect(hash.length).toBeLessThan(FAKE_SCENARIO_TEXT.length);
  });

  it('decodeShareHash ignores hashes that are not share links', async () => {
    expect(await decodeShareHash('')).toEqual({ kind: 'none' });
    expect(await decodeShareHash('#step-1')).toEqual({ kind: 'none' });
  });

  const refused = async (hash: string) => {
    const result = await decodeShareHash(hash);
    expect(result.kind).toBe('error');
    return result.kind === 'error' ? result.message : '';
  };

  it('decodeShareHash refuses a wrong version', async () => {
    const hash = await encodeShareHash({ text: '{}', request: FAKE_REQUEST });
    expect(await refused(hash.replace('#s=1.', '#s=2.'))).toMatch(/version "2".*version 1/);
    expect(await refused('#s=abc')).toMatch(/version/);
  });

  it('decodeShareHash refuses corrupt and truncated data', async () => {
    const hash = await encodeShareHash({ text: FAKE_SCENARIO_TEXT, request: FAKE_REQUEST });
    expect(await refused(hash.slice(0, hash.length - 20))).toMatch(/corrupt|truncated|base64url/);
    expect(await refused(`${SHARE_PREFIX}1.!!!notbase64`)).toMatch(/base64url/);
    expect(await refused(`${SHARE_PREFIX}1.${toBase64Url(new Uint8Array([1, 2, 3, 4, 5, 6]))}`)).toMatch(/corrupt/);
    expect(await refused(`${SHARE_PREFIX}1.`)).toMatch(/base64url/);
  });

  it('decodeShareHash refuses oversized links and deflate bombs', async () => {
    expect(await refused(`${SHARE_PREFIX}1.${'A'.repeat(MAX_SHARE_HASH_CHARS)}`)).toMatch(/too long/);
    const bomb = await deflate(JSON.stringify({ text: ' '.repeat(5_000_000), request: FAKE_REQUEST }));
    const hash = `${SHARE_PREFIX}1.${toBase64Url(bomb)}`;
    expect(hash.length).toBeLessThan(MAX_SHARE_HASH_CHARS);
    expect(await refused(hash)).toMatch(/expands to more than/);
  });

  it('decodeShareHash refuses valid JSON of the wrong shape', async () => {
    for (const value of [
      [1, 2],
      'text',
      { text: 1, request: FAKE_REQUEST },
      { text: '{}' },
      { text: '{}', request: 'VM3 -> 8.8.8.8' },
      { text: '{}', request: FAKE_REQUEST, example: { id: 1 } },
    ]) {
      const hash = `${SHARE_PREFIX}1.${toBase64Url(await deflate(JSON.stringify(value)))}`;
      expect(await refused(hash)).toMatch(/does not hold a scenario/);
    }
    expect(await refused(`${SHARE_PREFIX}1.${toBase64Url(await deflate('{nope'))}`)).toMatch(/not JSON/);
  });

  it('decodeShareHash leaves the packet to the core’s request parser: a link with a bad packet still gives back its text', async () => {
    const request = { ...FAKE_REQUEST, dport: 70000, from: 'V'.repeat(300) };
    const hash = `${SHARE_PREFIX}1.${toBase64Url(await deflate(JSON.stringify({ text: '{ mine', request })))}`;
    expect(await decodeShareHash(hash)).toEqual({ kind: 'ok', state: { text: '{ mine', request } });
  });

  it('decodeShareHash refuses a link that inflates to 40 MB, stopping at the size limit', async () => {
    // 40 MB of spaces deflate to ~40 KB; fed a slice at a time, the inflater stops after about the limit.
    const bomb = await deflate(JSON.stringify({ text: ' '.repeat(40_000_000), request: FAKE_REQUEST }));
    const start = performance.now();
    expect(await refused(`${SHARE_PREFIX}1.${toBase64Url(bomb)}`)).toMatch(/expands to more than 1000000 bytes/);
    console.log(`deflate bomb of ${bomb.length} bytes refused in ${Math.round(performance.now() - start)} ms`);
  });

  it('decodeShareHash keeps markup in names as plain text and never quotes much of a hostile hash', async () => {
    const text = '{"hosts":[{"name":"<img src=x onerror=alert(1)>"}]}';
    expect(await decodeShareHash(await encodeShareHash({ text, request: FAKE_REQUEST }))).toMatchObject({
      kind: 'ok',
      state: { text },
    });
    const message = await refused('#s=<script>alert(1)</script>.AAAA');
    expect(message).not.toContain('<script>');
  });
});
