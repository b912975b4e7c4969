import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { boltLogger } from '../../adapters/slack/sdk-logger.js';
import { createLogger } from '../../src/host/logger.js';

function bufferedLogger(level: string) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level, destination }) };
}

const body = 'http request body: {"text":"Ma situation Qz","channel":"D0123456"}';

describe('the Slack SDK logger', () => {
  it('at debug level keeps the SDK line, reduced to its shape', () => {
    const { lines, logger } = bufferedLogger('debug');
    boltLogger(logger).debug(body);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('http request body:');
    expect(lines[0]).not.toContain('Qz');
  });

  it('below debug level writes nothing for debug lines and still writes warnings', () => {
    const { lines, logger } = bufferedLogger('info');
    const sdk = boltLogger(logger);
    sdk.debug(body);
    expect(lines).toHaveLength(0);
    sdk.warn('http request failed: body: {"text":"Qz"}');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('Qz');
  });

  it('does not even read a debug line the level drops (the Web API client logs every call)', () => {
    const { logger } = bufferedLogger('info');
    let read = 0;
    const args = new Proxy(
      { text: 'Qz' },
      {
        ownKeys: (target) => {
          read++;
          return Reflect.ownKeys(target);
        },
      },
    );
    boltLogger(logger).debug('http request body:', args);
    expect(read).toBe(0);
    boltLogger(bufferedLogger('debug').logger).debug('http request body:', args);
    expect(read).toBe(1);
  });
});
