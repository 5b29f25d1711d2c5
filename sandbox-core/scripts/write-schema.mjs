// Writes scenario.schema.json from the built package, so editors and outside tools can use the published schema.
import { writeFileSync } from 'node:fs';
import { scenarioSchema } from '../dist/index.js';

writeFileSync(new URL('../scenario.schema.json', import.meta.url), JSON.stringify(scenarioSchema, null, 2) + '\n');
