import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parse, type DefaultTreeAdapterMap } from 'parse5';

/**
 * The policy's fixed part; `script-src` gets the hashes of the page's own inline scripts.
 * - Scripts: only files from this origin and the page's inline scripts, by hash. No `'unsafe-inline'`,
 *   no `'unsafe-eval'`; `'wasm-unsafe-eval'` lets Pagefind compile its WebAssembly search index and nothing else.
 * - Styles: `'unsafe-inline'`, because Monaco renders its lines as HTML with `style` attributes and writes
 *   its theme into `<style>` elements at run time, and Starlight sets custom properties in `style` attributes.
 * - Everything else from this origin only; no plugins, no `<base>` elsewhere, forms post nowhere else.
 * A `<meta>` policy governs the page only: web workers loaded from a URL take theirs from HTTP headers.
 */
export const FIXED_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** `type` values under which a browser runs a script's text as JavaScript (the others are data blocks). */
const SCRIPT_TYPES = new Set([
  '',
  'module',
  'text/javascript',
  'application/javascript',
  'text/ecmascript',
  'application/ecmascript',
]);

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Every element of a parsed document, in document order. */
function* elements(node: Node): Generator<Element> {
  if ('tagName' in node) yield node;
  const children = 'childNodes' in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
  if ('content' in node && node.content) yield* elements(node.content);
}

const attribute = (el: Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

/** The text of each inline script the browser would run, as it hashes it (after the parser's newline normalisation). */
function inlineScripts(document: Node): string[] {
  const texts: string[] = [];
  for (const el of elements(document)) {
    if (el.tagName !== 'script' || attribute(el, 'src') !== undefined) continue;
    if (!SCRIPT_TYPES.has((attribute(el, 'type') ?? '').trim().toLowerCase())) continue;
    texts.push(el.childNodes.map((child) => ('value' in child ? child.value : '')).join(''));
  }
  return texts;
}

/** The CSP source expression that allows one inline script's exact text. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's whole policy: the fixed directives plus a `script-src` listing the hash of each of its inline scripts. */
export function policyFor(html: string): string {
  return policyOf(parse(html));
}

function policyOf(document: Node): string {
  const hashes = [...new Set(inlineScripts(document).map(scriptHash))].sort();
  const scriptSrc = ["script-src 'self' 'wasm-unsafe-eval'", ...hashes].join(' ');
  return [FIXED_DIRECTIVES[0], scriptSrc, ...FIXED_DIRECTIVES.slice(1)].join('; ');
}

/**
 * The page with its policy as a `<meta http-equiv>` right after `<meta charset>` (or the `<head>` tag), before
 * any script or stylesheet, so it governs everything the page loads. A page whose head already sets a policy is
 * returned unchanged.
 */
export function withPolicy(html: string): string {
  const document = parse(html, { sourceCodeLocationInfo: true });
  const all = [...elements(document)];
  const head = all.find((el) => el.tagName === 'head');
  if (!head?.sourceCodeLocation?.startTag)
    throw new Error('page has no <head>: cannot add its Content-Security-Policy');
  const inHead = [...elements(head)];
  if (
    inHead.some(
      (el) => el.tagName === 'meta' && attribute(el, 'http-equiv')?.toLowerCase() === 'content-security-policy',
    )
  )
    return html;
  const charset = inHead.find((el) => el.tagName === 'meta' && attribute(el, 'charset') !== undefined);
  const at = (charset ?? head).sourceCodeLocation?.startTag?.endOffset ?? head.sourceCodeLocation.startTag.endOffset;
  const meta = `<meta http-equiv="content-security-policy" content="${policyOf(document)}">`;
  return html.slice(0, at) + meta + html.slice(at);
}

/**
 * Gives every built page its Content-Security-Policy. Static hosting cannot send headers we control,
 * and Astro 5's experimental CSP neither hashes Starlight's inline scripts nor lets styles stay inline
 * (Monaco needs them), so the policy is written into each page after the build.
 */
export function contentSecurityPolicy(): AstroIntegration {
  return {
    name: 'dvr-content-security-policy',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const root = fileURLToPath(dir);
        const pages = (await readdir(root, { recursive: true })).filter((file) => file.endsWith('.html'));
        for (const page of pages) {
          const path = join(root, page);
          await writeFile(path, withPolicy(await readFile(path, 'utf8')));
        }
        logger.info(`Content-Security-Policy written into ${pages.length} pages`);
      },
    },
  };
}
