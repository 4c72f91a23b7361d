import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'crypto';

/** `metadata.encoding` of a payload this codec encrypted. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** `metadata` entry naming the key a payload was encrypted with (a rotation keeps old ones). */
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const utf8 = new TextEncoder();
const text = new TextDecoder();
const ProtoPayload = temporal.api.common.v1.Payload;

/** The id a key is known by in payload metadata: not the key, not reversible to it. */
export function payloadKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('sanbao-payload-key-id\0')
    .update(key)
    .digest('hex')
    .slice(0, 16);
}

/**
 * Encrypts every payload the client and the worker send to Temporal with AES-256-GCM, so the
 * Temporal server, its database and its Web UI hold no personal data (docs/security.md,
 * "Workflow payloads"). The whole payload (metadata and data) is serialised and encrypted;
 * the result says only `binary/encrypted` and the key id. Decoding passes through any payload
 * that is not marked encrypted: histories saved or started before encryption stay readable
 * and replay unchanged.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  /** `key` encrypts and decrypts; `previous` keys only decrypt (after a rotation). */
  constructor(
    private readonly key: Buffer,
    previous: Buffer[] = [],
  ) {
    for (const k of [key, ...previous]) {
      if (k.length !== KEY_BYTES) throw new Error('AesGcmPayloadCodec: keys must be 32 bytes');
      this.keys.set(payloadKeyId(k), k);
    }
    this.keyId = payloadKeyId(key);
  }

  // async: a payload that fails to decrypt rejects the promise, as the SDK expects.
  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    // The key id is authenticated too: a payload cannot be relabelled to another key.
    cipher.setAAD(utf8.encode(this.keyId));
    const plain = ProtoPayload.encode(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        encoding: utf8.encode(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: utf8.encode(this.keyId),
      },
      data,
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.encoding;
    if (!encoding || text.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const idBytes = payload.metadata?.[KEY_ID_METADATA];
    const keyId = idBytes ? text.decode(idBytes) : '';
    const key = this.keys.get(keyId);
    if (!key) {
      throw new Error(
        `payload encrypted with key ${keyId || '(none)'}, which is not configured (WORKFLOW_PAYLOAD_KEY or WORKFLOW_PAYLOAD_KEYS_PREVIOUS)`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new Error('encrypted payload is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
    decipher.setAAD(utf8.encode(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return ProtoPayload.decode(plain);
  }
}

/**
 * The data converter of every Temporal client and worker of the apps: the default one, with
 * the payload codec when the county configured a payload key. One function, so the client
 * that starts a workflow and the worker that runs it can never disagree.
 */
export function issueDataConverter(keys: {
  payloadKey?: string;
  previousPayloadKeys?: string[];
}): DataConverter {
  if (!keys.payloadKey) return {};
  const key = Buffer.from(keys.payloadKey, 'base64');
  const previous = (keys.previousPayloadKeys ?? []).map((k) => Buffer.from(k, 'base64'));
  return { payloadCodecs: [new AesGcmPayloadCodec(key, previous)] };
}
