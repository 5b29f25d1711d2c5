import { describe, expect, it } from 'vitest';
import { policyFor, scriptHash, withPolicy } from './content-security-policy';

const page = (head: string, body = '') => `<!DOCTYPE html><html><head><meta charset="utf-8"/>${head}</head><body>${body}</body></html>`;

describe('the Content-Security-Policy written into each page', () => {
	it('allows each inline script by the hash of its exact text, and no script by inline or eval', () => {
		const policy = policyFor(page('<script>a()</script>', '<script type="module">b()</script><script src="/x.js"></script>'));
		const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src '))!;
		expect(scriptSrc).toContain(scriptHash('a()'));
		expect(scriptSrc).toContain(scriptHash('b()'));
		expect(scriptSrc).not.toContain(scriptHash(''));
		expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
	});

	it('hashes as the browser does: sha256 of the UTF-8 text, base64', () => {
		// The well-known hash of `alert('Hello, world.');` from the CSP specification's examples.
		expect(scriptHash("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
	});

	it('forbids plugins and foreign base URLs', () => {
		const policy = policyFor(page(''));
		expect(policy).toContain("object-src 'none'");
		expect(policy).toContain("base-uri 'self'");
		expect(policy).toContain("default-src 'self'");
	});

	it('goes right after <meta charset>, before any script or stylesheet', () => {
		const html = withPolicy(page('<link rel="stylesheet" href="/a.css"><script>a()</script>'));
		const meta = html.indexOf('http-equiv="content-security-policy"');
		expect(meta).toBeGreaterThan(html.indexOf('<meta charset'));
		expect(meta).toBeLessThan(html.indexOf('<link'));
		expect(meta).toBeLessThan(html.indexOf('<script'));
	});

	it('leaves a page that already has a policy as it is', () => {
		const html = page('<meta http-equiv="content-security-policy" content="default-src \'none\'">');
		expect(withPolicy(html)).toBe(html);
	});

	it('refuses a page without a head rather than shipping it unprotected', () => {
		expect(() => withPolicy('<p>fragment</p>')).toThrow(/no <head>/);
	});
});
