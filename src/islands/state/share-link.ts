import type { TraceRequest } from './core-types';

/** What a share link carries: the reader's scenario text, exactly as typed (even invalid), and the packet to trace. */
export interface SharedState {
  text: string;
  request: TraceRequest;
  /** The example the state belongs to, so a link only restores into the sandbox it was made from. */
  example?: string;
  /** The path of the chapter the link was made on, so another chapter can offer to open it there. */
  page?: string;
}

/**
 * A share link or a saved edit as read, before the core's `parseTraceRequest` has read its packet: the text is
 * the reader's and always kept; the request is whatever the link or storage held.
 */
export interface ReceivedState {
  text: string;
  request: unknown;
  example?: string;
  page?: string;
}

/** The outcome of reading a location hash: nothing to restore, a restored state, or a sentence saying why the link was refused. */
export type ShareDecodeResult =
  { kind: 'none' } | { kind: 'ok'; state: ReceivedState } | { kind: 'error'; message: string };

/** The hash prefix and format version of share links; a new format gets a new number, old links keep working or are refused clearly. */
export const SHARE_PREFIX = '#s=';
/** The only share-link format this site writes and reads. */
export const SHARE_VERSION = '1';
/** Longest hash accepted (characters), far above any course scenario, well below what browsers and servers choke on. */
export const MAX_SHARE_HASH_CHARS = 64_000;
/** Most bytes a link may inflate to, so a crafted link (a "deflate bomb") cannot exhaust memory. */
export const MAX_SHARE_JSON_BYTES = 1_000_000;
/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most about 1,032 times, so one slice
 * inflates to at most ~1 MB (a few milliseconds of work) before the size limit is checked again: a bomb is
 * stopped at the limit instead of being inflated whole in one long task.
 */
export const INFLATE_SLICE_BYTES = 1024;
/** A chapter path as a link may name it: same-origin, absolute, plain characters (never `//host`). */
const PAGE_PATH = /^\/(?!\/)[A-Za-z0-9._~/-]{0,300}$/;

/** Builds the hash `#s=1.<base64url(deflate-raw(JSON))>` for a scenario text and request. */
export async function encodeShareHash(state: SharedState): Promise<string> {
  const json = JSON.stringify({ example: state.example, page: state.page, text: state.text, request: state.request });
  const compressed = await pipeBytes(
    new TextEncoder().encode(json),
    new CompressionStream('deflate-raw') as unknown as ByteTransform,
    Infinity,
  );
  return `${SHARE_PREFIX}${SHARE_VERSION}.${toBase64Url(compressed)}`;
}

/** Reads a location hash; never throws, and refuses anything that is not exactly a share link this site wrote. */
export async function decodeShareHash(hash: string): Promise<ShareDecodeResult> {
  if (!hash.startsWith(SHARE_PREFIX)) return { kind: 'none' };
  if (hash.length > MAX_SHARE_HASH_CHARS) {
    return refuse(`it is too long (${hash.length} characters; at most ${MAX_SHARE_HASH_CHARS})`);
  }
  const body = hash.slice(SHARE_PREFIX.length);
  const dot = body.indexOf('.');
  const version = dot < 0 ? '' : body.slice(0, dot);
  if (version !== SHARE_VERSION) {
    return refuse(`it uses format version "${printable(version)}", and this site reads version ${SHARE_VERSION}`);
  }
  const bytes = fromBase64Url(body.slice(dot + 1));
  if (!bytes || bytes.length === 0) return refuse('its data is not valid base64url (was it cut short when copied?)');
  let json: string;
  try {
    const inflated = await pipeBytes(
      bytes,
      new DecompressionStream('deflate-raw') as unknown as ByteTransform,
      MAX_SHARE_JSON_BYTES,
      INFLATE_SLICE_BYTES,
    );
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch (error) {
    if (error instanceof TooLargeError) return refuse(`it expands to more than ${MAX_SHARE_JSON_BYTES} bytes`);
    return refuse('its data is corrupt or truncated (was it cut short when copied?)');
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return refuse('its data is not JSON');
  }
  const state = asSharedState(value);
  if (!state) return refuse('its data does not hold a scenario text and a packet (from, to, protocol)');
  return { kind: 'ok', state };
}

/**
 * Checks the shape of decoded share data (text, a request object, optional example and page); returns null for
 * anything else. What the request says is the core's `parseTraceRequest`'s to judge, as for every other caller.
 */
export function asSharedState(value: unknown): ReceivedState | null {
  if (!isRecord(value) || typeof value.text !== 'string' || !isRecord(value.request)) return null;
  if (value.example !== undefined && (typeof value.example !== 'string' || value.example.length > 200)) return null;
  const state: ReceivedState = { text: value.text, request: value.request };
  if (value.example !== undefined) state.example = value.example;
  // A page that is not a plain same-origin path is dropped, never followed.
  if (typeof value.page === 'string' && PAGE_PATH.test(value.page)) state.page = value.page;
  return state;
}

function refuse(why: string): ShareDecodeResult {
  return {
    kind: 'error',
    message: `This share link could not be opened: ${why}. The sandbox is as it was before the link.`,
  };
}

/** Keeps at most a few visible characters of untrusted input for a message (it is shown as text, never as HTML). */
function printable(text: string): string {
  const clean = text.replace(/[^A-Za-z0-9._-]/g, '?');
  return clean.length > 12 ? `${clean.slice(0, 12)}…` : clean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class TooLargeError extends Error {}

/** A byte-to-byte stream such as CompressionStream (whose DOM typing is looser than what it does). */
type ByteTransform = TransformStream<Uint8Array, Uint8Array>;

/**
 * Runs bytes through a (de)compression stream, `slice` bytes at a time, stopping as soon as the output passes
 * `limit` bytes: the input is fed only as fast as the output is read, so no single step does unbounded work.
 */
async function pipeBytes(
  input: Uint8Array,
  transform: ByteTransform,
  limit: number,
  slice = input.length,
): Promise<Uint8Array> {
  const writer = transform.writable.getWriter();
  const reader = transform.readable.getReader();
  let stopped = false;
  // Fed concurrently with the reads below; a write error (corrupt data) surfaces in the reader.
  void (async () => {
    try {
      for (let at = 0; at < input.length && !stopped; at += Math.max(1, slice)) {
        await writer.ready;
        await writer.write(input.subarray(at, at + Math.max(1, slice)));
      }
      if (!stopped) await writer.close();
    } catch {
      // the reader reports it
    }
  })();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      stopped = true;
      await reader.cancel().catch(() => {});
      await writer.abort().catch(() => {});
      throw new TooLargeError();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** base64url without padding (RFC 4648 §5), which survives URLs, chat clients and e-mail unescaped. */
export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Inverse of toBase64Url; null when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
  try {
    const binary = atob(padded);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
