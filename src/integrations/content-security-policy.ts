import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/**
 * The policy's fixed part; `script-src` gets the hashes of the page's own inline scripts.
 * - Scripts: only files from this origin and the page's inline scripts, by hash. No `'unsafe-inline'`,
 *   no `'unsafe-eval'`; `'wasm-unsafe-eval'` lets Pagefind compile its WebAssembly search index and nothing else.
 * - Styles: `'unsafe-inline'`, because Monaco renders its lines as HTML with `style` attributes and writes
 *   its theme into `<style>` elements at run time, and Starlight sets custom properties in `style` attributes.
 * - Everything else from this origin only; no plugins, no `<base>` elsewhere, forms post nowhere else.
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

/** Inline `<script>` elements (no `src`) and their text, as the browser hashes it. */
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP source expression that allows one inline script's exact text. */
export function scriptHash(text: string): string {
	return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** The page's whole policy: the fixed directives plus a `script-src` listing the hash of each of its inline scripts. */
export function policyFor(html: string): string {
	const hashes = new Set<string>();
	for (const match of html.matchAll(INLINE_SCRIPT)) hashes.add(scriptHash(match[1]));
	const scriptSrc = ["script-src 'self' 'wasm-unsafe-eval'", ...[...hashes].sort()].join(' ');
	return [FIXED_DIRECTIVES[0], scriptSrc, ...FIXED_DIRECTIVES.slice(1)].join('; ');
}

/**
 * The page with its policy as a `<meta http-equiv>` right after `<meta charset>`, before any script or
 * stylesheet, so it governs everything the page loads. A page that already has a policy is returned unchanged.
 */
export function withPolicy(html: string): string {
	if (/<meta\s+http-equiv=["']?content-security-policy/i.test(html)) return html;
	const meta = `<meta http-equiv="content-security-policy" content="${policyFor(html)}">`;
	const charset = /<meta\s+charset=["']?[\w-]+["']?\s*\/?>/i.exec(html);
	if (charset) return html.slice(0, charset.index + charset[0].length) + meta + html.slice(charset.index + charset[0].length);
	const head = /<head\b[^>]*>/i.exec(html);
	if (!head) throw new Error('page has no <head>: cannot add its Content-Security-Policy');
	return html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length);
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
