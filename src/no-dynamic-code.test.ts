import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The course's own code, browser and simulator: everything a scenario, a share link or storage can reach. */
const ROOTS = ['src', 'sandbox-core/src'];
const root = new URL('..', import.meta.url).pathname;

/** Source files under the roots, tests excepted (they may build hostile strings on purpose). */
function sources(): string[] {
	return ROOTS.flatMap((dir) =>
		(readdirSync(join(root, dir), { recursive: true }) as string[])
			.filter((file) => /\.(ts|astro|mjs|js)$/.test(file) && !/\.test\.ts$/.test(file))
			.map((file) => join(root, dir, file)),
	);
}

/** Where each pattern occurs, as `path:line`. */
function occurrences(pattern: RegExp): string[] {
	return sources().flatMap((file) =>
		readFileSync(file, 'utf8')
			.split('\n')
			.flatMap((line, i) => (pattern.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line) ? [`${relative(root, file)}:${i + 1}`] : [])),
	);
}

/**
 * The only places that write HTML strings into the page: the three views the simulator's results fill in,
 * in the browser and at build time, whose renderers (`…Html()`) escape every value; and Claim, which
 * re-emits the chapter author's own slot at build time.
 */
const DATA_HTML_WRITERS = [
	'src/components/AddressBudget.astro',
	'src/components/ConfigFiles.astro',
	'src/components/Troubleshoot.astro',
	'src/islands/address-budget/dvr-address-budget.ts',
	'src/islands/config-files/dvr-config-files.ts',
	'src/islands/troubleshoot/dvr-troubleshoot.ts',
];
const HTML_WRITERS = [...DATA_HTML_WRITERS, 'src/components/Claim.astro'];

describe('the course never turns data into code or markup', () => {
	it('has no eval, new Function or string timers (the Content-Security-Policy forbids them too)', () => {
		expect(occurrences(/\beval\s*\(|new\s+Function\s*\(|set(Timeout|Interval)\s*\(\s*['"`]/)).toEqual([]);
	});

	it('writes HTML strings only in the known renderers, which escape every value', () => {
		const writers = occurrences(/\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\s*\(|set:html/).map((at) => at.replace(/:\d+$/, ''));
		expect([...new Set(writers)].sort()).toEqual([...HTML_WRITERS].sort());
		for (const file of DATA_HTML_WRITERS) expect(readFileSync(join(root, file), 'utf8')).toMatch(/\w+Html\(/);
	});
});
