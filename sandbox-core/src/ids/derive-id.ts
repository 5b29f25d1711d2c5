import { v5 as uuidv5 } from 'uuid';

/** The namespace of every DVR Lab uuid: fixed, so identifiers depend on names alone and golden files stay byte-stable. */
const DVR_LAB_NAMESPACE = '6f1c0a2b-9d4e-4c37-8a55-2f0e1b7d3c91';

/**
 * Name-based uuids derived so far. An edit reruns the simulator on mostly the same names, and in a cloud of
 * thousands of ports SHA-1 is most of a run's time; a uuid depends on its name alone, so reusing it changes no output.
 * Emptied when full, so a long session cannot grow it without bound.
 */
const derived = new Map<string, string>();
const MAX_DERIVED = 50_000;

function v5(name: string): string {
  let id = derived.get(name);
  if (id === undefined) {
    if (derived.size >= MAX_DERIVED) derived.clear();
    id = uuidv5(name, DVR_LAB_NAMESPACE);
    derived.set(name, id);
  }
  return id;
}

/** A Neutron-style uuid for a named object (router, network, port...), derived from its kind and name (RFC 4122 name-based, so deterministic). */
export function deriveUuid(kind: string, name: string): string {
  return v5(`${kind}:${name}`);
}

/** Hex digits of a derived uuid, used as a stream of deterministic "random" bytes. */
export function derivedBytes(seed: string, count: number): number[] {
  const hex = v5(seed).replace(/-/g, '');
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  return out;
}

/** A MAC address with a fixed three-byte prefix and three bytes derived from a seed, as Neutron's base_mac and dvr_base_mac do with random bytes. */
export function deriveMac(prefix: string, seed: string, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const [a, b, c] = derivedBytes(attempt === 0 ? seed : `${seed}#${attempt}`, 3);
    const mac = `${prefix}:${hex2(a!)}:${hex2(b!)}:${hex2(c!)}`;
    if (!taken.has(mac)) {
      taken.add(mac);
      return mac;
    }
  }
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** Neutron's device name: prefix + id, cut to 14 characters (DEV_NAME_LEN in neutron/agent/linux/interface.py). */
export function deviceName(prefix: string, id: string): string {
  return (prefix + id).slice(0, 14);
}
