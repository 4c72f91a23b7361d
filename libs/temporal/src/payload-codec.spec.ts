import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { randomBytes } from 'crypto';
import {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  issueDataConverter,
  KEY_ID_METADATA,
  payloadKeyId,
} from './payload-codec';

const text = new TextDecoder();
const subject = { issueKey: 'issue:education:HH-0042/child-1:not_returned', id: 'HH-0042' };

function plain(): Payload {
  return defaultPayloadConverter.toPayload(subject);
}

describe('the payload codec', () => {
  it('encrypts the whole payload: only the encoding and the key id are left readable', async () => {
    const key = randomBytes(32);
    const codec = new AesGcmPayloadCodec(key);
    const [encoded] = await codec.encode([plain()]);
    expect(Object.keys(encoded.metadata!).sort()).toEqual([KEY_ID_METADATA, 'encoding'].sort());
    expect(text.decode(encoded.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text.decode(encoded.metadata![KEY_ID_METADATA])).toBe(payloadKeyId(key));
    expect(Buffer.from(encoded.data!).toString('latin1')).not.toMatch(/HH-0042|json/);
    const [decoded] = await codec.decode([encoded]);
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(subject);
  });

  it('passes through payloads it did not encrypt (saved histories, runs from before)', async () => {
    const codec = new AesGcmPayloadCodec(randomBytes(32));
    const before = plain();
    expect(await codec.decode([before])).toEqual([before]);
    const empty: Payload = { metadata: { encoding: new TextEncoder().encode('binary/null') } };
    expect(await codec.decode([empty])).toEqual([empty]);
  });

  it('uses a fresh nonce each time', async () => {
    const codec = new AesGcmPayloadCodec(randomBytes(32));
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('refuses a payload that was changed, relabelled or encrypted with an unknown key', async () => {
    const key = randomBytes(32);
    const codec = new AesGcmPayloadCodec(key);
    const [encoded] = await codec.encode([plain()]);
    const flipped = Buffer.from(encoded.data!);
    flipped[20] ^= 1;
    await expect(codec.decode([{ ...encoded, data: flipped }])).rejects.toThrow();
    const other = new AesGcmPayloadCodec(randomBytes(32));
    await expect(other.decode([encoded])).rejects.toThrow(/not configured/);
    // The key id is authenticated: pointing the payload at another configured key fails.
    const second = randomBytes(32);
    const both = new AesGcmPayloadCodec(second, [key]);
    const relabelled: Payload = {
      ...encoded,
      metadata: {
        ...encoded.metadata,
        [KEY_ID_METADATA]: new TextEncoder().encode(payloadKeyId(second)),
      },
    };
    await expect(both.decode([relabelled])).rejects.toThrow();
  });

  it('decrypts with a previous key after a rotation and encrypts with the new one', async () => {
    const old = randomBytes(32);
    const [byOld] = await new AesGcmPayloadCodec(old).encode([plain()]);
    const rotated = new AesGcmPayloadCodec(randomBytes(32), [old]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([byOld]))[0])).toEqual(
      subject,
    );
  });

  it('is in the data converter only when a key is configured, and keys must be 32 bytes', () => {
    expect(issueDataConverter({})).toEqual({});
    const key = randomBytes(32).toString('base64');
    expect(issueDataConverter({ payloadKey: key }).payloadCodecs).toHaveLength(1);
    expect(() => new AesGcmPayloadCodec(randomBytes(16))).toThrow(/32 bytes/);
  });
});
