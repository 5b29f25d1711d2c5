import { describe, expect, it } from 'vitest';
import { policyFor, scriptHash, withPolicy } from './content-security-policy';

const page = (head: string, body = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"/>${head}</head><body>${body}</body></html>`;

describe('the Content-Security-Policy written into each page', () => {
  it('allows each inline script by the hash of its exact text, and no script by inline or eval', () => {
    const policy = policyFor(
      page('<script>a()</script>', '<script type="module">b()</script><script src="/x.js"></script>'),
    );
    const scriptSrc = policy.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(scriptSrc).toContain(scriptHash('a()'));
    expect(scriptSrc).toContain(scriptHash('b()'));
    expect(scriptSrc).not.toContain(scriptHash(''));
    expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });

  it('hashes only what runs: not data blocks, scripts with a src, or scripts inside comments', () => {
    const policy = policyFor(
      page(
        '<script type="application/ld+json">{"a":1}</script><script data-src="x">c()</script><!-- <script>d()</script> --><script src="/x.js"></script>',
        '<script type="module">e()</script>',
      ),
    );
    expect(policy).not.toContain(scriptHash('{"a":1}'));
    expect(policy).toContain(scriptHash('c()'));
    expect(policy).not.toContain(scriptHash('d()'));
    expect(policy).not.toContain(scriptHash(''));
    expect(policy).toContain(scriptHash('e()'));
  });

  it('hashes a script’s text after the parser turns CRLF into LF, as the browser does', () => {
    expect(policyFor(page('<script>a();\r\nb()</script>'))).toContain(scriptHash('a();\nb()'));
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

  it('adds its policy beside a report-only one, which enforces nothing', () => {
    const html = withPolicy(
      page('<meta http-equiv="content-security-policy-report-only" content="default-src \'none\'">'),
    );
    expect(html).toContain('<meta http-equiv="content-security-policy" content="default-src \'self\'; script-src');
  });

  it('refuses a page without a head rather than shipping it unprotected', () => {
    expect(() => withPolicy('<p>fragment</p>')).toThrow(/no <head>/);
    expect(() => withPolicy('<!DOCTYPE html><title>implied head</title><p>x</p>')).toThrow(/no <head>/);
  });
});
