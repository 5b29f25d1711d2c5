import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

/** Compares text with a committed golden file; a mismatch writes `<name>.changed` beside it for review as a diff. */
export function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  const changed = `${file}.changed`;
  if (UPDATE) {
    writeFileSync(file, actual);
    rmSync(changed, { force: true });
    return;
  }
  const expected = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  expect.fail(
    `${name} differs from its golden file: review with \`diff ${file} ${changed}\`, then rerun with UPDATE_GOLDEN=1 to accept`,
  );
}
