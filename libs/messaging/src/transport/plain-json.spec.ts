import { PlainJsonSerializer, RawRequestDeserializer } from './plain-json';
import { subjectMatches } from './subject-pattern';

const decode = (data: Uint8Array) => new TextDecoder().decode(data);

describe('PlainJsonSerializer', () => {
  it('writes the answer as JSON.stringify does, without Nest envelope', () => {
    const reply = { sector: 'education', kind: 'roster', received: 2, rejected: [] };
    const { data } = new PlainJsonSerializer().serialize({
      id: 'inbox.1',
      response: reply,
      isDisposed: true,
    });
    expect(decode(data)).toBe(JSON.stringify(reply));
  });

  it('writes an error no filter answered through the given reply', () => {
    const serializer = new PlainJsonSerializer((err) => ({ error: { code: 'unavailable', err } }));
    const { data } = serializer.serialize({ err: 'boom', isDisposed: true });
    expect(JSON.parse(decode(data))).toEqual({ error: { code: 'unavailable', err: 'boom' } });
  });
});

describe('RawRequestDeserializer', () => {
  const bytes = new TextEncoder().encode('{"records": [');

  it('hands over the bytes as they came, the reply subject as the request id', () => {
    expect(
      new RawRequestDeserializer().deserialize(bytes, {
        channel: 'ingest.water.*',
        replyTo: '_INBOX.7',
      }),
    ).toEqual({ id: '_INBOX.7', pattern: 'ingest.water.*', data: bytes });
  });

  it('makes an event (no id) of a message nobody waits an answer for', () => {
    expect(new RawRequestDeserializer().deserialize(bytes, { channel: 'signal.>' })).toEqual({
      pattern: 'signal.>',
      data: bytes,
    });
  });
});

describe('subjectMatches', () => {
  it.each([
    ['signal.>', 'signal.education.not_returned', true],
    ['signal.>', 'signal', false],
    ['ingest.water.*', 'ingest.water.quality', true],
    ['ingest.water.*', 'ingest.water.quality.extra', false],
    ['ingest.water.*', 'ingest.housing.quality', false],
    ['issue.opened', 'issue.opened', true],
    ['issue.opened', 'issue.closed', false],
  ])('%s against %s: %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });
});
