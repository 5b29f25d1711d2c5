import { describe, expect, it } from 'vitest';
import { faultLabFromProps, judgeLab, otherWalks, walkName, type FaultLabProps } from './fault-lab-spec';

const props: FaultLabProps = {
  id: 'ch9-lab',
  example: 'snat-seed',
  title: 'A lab',
  from: 'VM3',
  to: '8.8.8.8',
  symptom: 'VM3 cannot reach 8.8.8.8.',
  break: '[{"op":"add","path":"/routers/0/snatScheduled","value":false}]',
  hints: '["one", "two"]',
  fault: 'The SNAT is not scheduled.',
  fix: '[{"op":"remove","path":"/routers/0/snatScheduled"}]',
};

describe('faultLabFromProps', () => {
  it('reads the packet, both patches and the hints in order', () => {
    const spec = faultLabFromProps(props);
    expect(spec.request).toEqual({ from: 'VM3', to: '8.8.8.8' });
    expect(spec.breakOps[0].op).toBe('add');
    expect(spec.fixOps[0].op).toBe('remove');
    expect(spec.hints).toEqual(['one', 'two']);
  });

  it.each([
    ['a bad id', { id: 'Lab 1' }, /lower-case/],
    ['no symptom', { symptom: ' ' }, /needs a symptom/],
    ['hints that are not JSON', { hints: 'one; two' }, /hints must be a JSON array/],
    ['no hints', { hints: '[]' }, /non-empty/],
    ['a break that is not JSON Patch', { break: '{"op":"add"}' }, /break: break must be a non-empty JSON Patch/],
    ['a fix that is not JSON', { fix: "[{'op'}]" }, /fix: fix is not JSON/],
    ['a packet to nowhere', { to: '' }, /lab ch9-lab: to/],
  ])('refuses %s with a sentence naming the prop', (_, change, message) => {
    expect(() => faultLabFromProps({ ...props, ...change })).toThrow(message);
  });
});

describe('walkName', () => {
  it('names a packet as the reader writes it, with the protocol when it is not ping', () => {
    expect(walkName({ from: 'VM3', to: '8.8.8.8' })).toBe('VM3 → 8.8.8.8');
    expect(walkName({ from: 'web2', to: 'app1', proto: 'tcp', dport: 8080 })).toBe('web2 → app1 (tcp 8080)');
  });
});

describe('judgeLab', () => {
  const symptom = { request: { from: 'VM3', to: '8.8.8.8' } };
  const other = { request: { from: 'VM4', to: 'VM3' }, expect: ['delivered'] };
  /** A fake simulator: every walk arrives except those listed. */
  const failing =
    (...broken: string[]) =>
    (_: string, claim: { request: { from: string } }) => {
      const ok = !broken.includes(claim.request.from);
      return { ok, failures: ok ? [] : ['expected delivered, got dropped (the secret reason)'], errors: [] };
    };

  it('names the failing walk but not the simulator’s reason, which the reader finds in the trace', () => {
    const verdict = judgeLab(failing('VM3'), '{}', symptom, [other]);
    expect(verdict).toEqual({ solved: false, message: 'The symptom is still there: VM3 → 8.8.8.8 does not arrive.' });
  });

  it('is not solved when a fix breaks another walk, and says which', () => {
    expect(judgeLab(failing('VM4'), '{}', symptom, [other]).message).toBe(
      'VM3 → 8.8.8.8 works now, but VM4 → VM3 broke: trace it to see where.',
    );
  });

  it('is solved when the symptom is gone and the other walks still work', () => {
    expect(judgeLab(failing(), '{}', symptom, [other])).toEqual({
      solved: true,
      message: 'VM3 → 8.8.8.8 works there and back, and the chapter’s other walk still works.',
    });
    expect(otherWalks(0)).toBe('');
    expect(otherWalks(3, ' too')).toBe(', and the chapter’s 3 other walks still work too');
  });
});
