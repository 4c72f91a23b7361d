import { BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { DatabaseUnavailableError } from '@sanbao/persistence';
import { errorReply, isOutage } from './ingest-errors';
import { IngestError } from './ingest.error';

/** An error as a driver throws it: a code, maybe wrapped. */
function coded(code: string, wrap?: 'cause' | 'driverError'): Error {
  const inner = Object.assign(new Error('driver'), { code });
  if (!wrap) return inner;
  return Object.assign(new Error('wrapped'), { [wrap]: inner });
}

describe('ingest error classification', () => {
  it.each([
    ['a stack overflow on a deep value', new RangeError('Maximum call stack size exceeded')],
    [
      'a TypeError from an odd shape',
      new TypeError("Cannot read properties of null (reading 'x')"),
    ],
    ['a JSON syntax error', new SyntaxError('Unexpected token } in JSON')],
    ['a PostgreSQL data exception', coded('22P05', 'driverError')],
    ['a PostgreSQL constraint violation', coded('23505', 'driverError')],
    ['a thrown string', 'boom'],
  ])('%s is a 400 invalid_batch, not an outage', (_, error) => {
    const { error: answer } = errorReply(error);
    expect(answer.status).toBe(400);
    expect(answer.code).toBe('invalid_batch');
  });

  it.each([
    ['the database pool is not up', new DatabaseUnavailableError()],
    ['a refused connection', coded('ECONNREFUSED')],
    ['NATS closed', coded('CONNECTION_CLOSED', 'cause')],
    ['JetStream without responders', coded('503')],
    ['PostgreSQL shutting down', coded('57P01', 'driverError')],
    ['PostgreSQL connection failure', coded('08006', 'driverError')],
    ['the signal stream away', new IngestError('unavailable', 'send it again later')],
  ])('%s is a 503 unavailable', (_, error) => {
    const { error: answer } = errorReply(error);
    expect(answer.status).toBe(503);
    expect(answer.code).toBe('unavailable');
  });

  it('keeps an HTTP exception status: 400 stays 400, 503 stays 503', () => {
    expect(errorReply(new BadRequestException('bad')).error).toMatchObject({
      status: 400,
      code: 'invalid_batch',
    });
    expect(errorReply(new ServiceUnavailableException()).error.status).toBe(503);
  });

  it('reads only codes, never messages, as outages', () => {
    expect(isOutage(new Error('connect ECONNREFUSED in the value'))).toBe(false);
    expect(isOutage({ code: 42 })).toBe(false);
  });
});
