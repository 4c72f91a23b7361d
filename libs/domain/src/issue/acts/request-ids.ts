import type { ActBase } from '../types';

/**
 * A request id names one act: its name and its content. The workflow keeps a fingerprint of
 * the content beside each answered request id (carried through continue-as-new), and the
 * clients send each act with `actUpdateId`, so that Temporal's own deduplication of update
 * ids (which ignores the Update's name and argument) can only ever answer a true repeat.
 * Pure and deterministic: the workflow sandbox, the API and the tests share it.
 */

/** The act's content in one canonical text: keys sorted, the request id left out. */
export function actContent(act: ActBase): string {
  const { requestId: _requestId, actor, ...fields } = act;
  // The signer belongs to the act (another officer's act is another act); the display name
  // and scopes the API attaches to the actor do not change what was done.
  return canonical({ ...fields, actorId: actor?.id, actorRole: actor?.role });
}

/** A short fingerprint of the act's content (two 32-bit FNV-1a hashes, hex). */
export function actFingerprint(act: ActBase): string {
  const text = actContent(act);
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x01000193 ^ 0x5bd1e995);
}

/**
 * The Temporal update id of an act: its request id, its name and its content's fingerprint.
 * A repeat of the same act has the same update id (the server answers it with the first
 * outcome); a reused request id for another act or other content reaches the validator.
 */
export function actUpdateId(name: string, act: ActBase): string {
  return `${act.requestId}#${name}#${actFingerprint(act)}`;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
