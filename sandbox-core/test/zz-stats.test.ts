import fc from 'fast-check';
import { it } from 'vitest';
import { simulate, formatTrace } from '../src/index.js';
import { scenarioWithRequestArb } from './arbitraries.js';
it('stats', () => {
  const samples = fc.sample(scenarioWithRequestArb, { numRuns: 1000, seed: 7 });
  const cats = new Map<string, any[]>();
  for (const s of samples) {
    if (s.request.from === s.request.to) continue;
    const r = simulate(s.text, s.request);
    for (const [w, t] of [['fwd', r.trace], ['reply', r.trace?.reply]] as const) {
      if (t?.verdict !== 'dropped') continue;
      if (/not attached to any router|has no external gateway/.test(t.reason!)) continue;
      const last = t.hops.at(-1)!;
      const legacy = s.scenario.routers.some((x) => x.distributed === false);
      const k = `${w} ${s.kind} legacy=${legacy} ${last.host} ${last.where.slice(0, 6)} ${last.stage} ${t.reason!.replace(/[0-9a-f-]{36}|\d+\.\d+\.\d+\.\d+|"[^"]*"|[0-9a-f:]{17}/g, 'X')}`;
      if (!cats.has(k)) cats.set(k, []);
      cats.get(k)!.push({ s, r });
    }
  }
  for (const [k, v] of cats) console.log(v.length, k);
});
