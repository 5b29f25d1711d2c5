import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { examples, scenarioSchema } from '../../src/index.js';

const published = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenario.schema.json');

describe('scenarioSchema', () => {
  it('the published scenario.schema.json is the schema the package exports (regenerate with `npm run schema -w sandbox-core`)', () => {
    expect(JSON.parse(readFileSync(published, 'utf8'))).toEqual(scenarioSchema);
  });

  it('describes every field of every course example and forbids unknown ones', () => {
    const props = (
      scenarioSchema as { properties: Record<string, { items?: { properties: Record<string, unknown> } }> }
    ).properties;
    for (const ex of examples) {
      const s = ex.scenario as Record<string, Record<string, unknown>[]>;
      for (const kind of ['hosts', 'networks', 'routers', 'vms']) {
        for (const item of s[kind]!)
          for (const key of Object.keys(item)) expect(props[kind]!.items!.properties).toHaveProperty(key);
      }
    }
    expect(scenarioSchema).toMatchObject({
      additionalProperties: false,
      required: ['version', 'hosts', 'networks', 'routers', 'vms'],
    });
  });
});
