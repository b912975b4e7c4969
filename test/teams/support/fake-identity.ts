import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Bot Framework's token issuer, faked on 127.0.0.1: it publishes an OpenID configuration and signing keys
 * (endorsed for `msteams`, like the real ones) and signs tokens as the Bot Connector would, so that the
 * SDK's real JWT validation runs offline.
 */
/** Generated once per test file: RSA key generation is slow. */
const KEY = generateKeyPairSync('rsa', { modulusLength: 2048 });
const OTHER_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

export class FakeIdentity {
  private readonly key = KEY;
  private server: Server | undefined;
  readonly kid = 'cairn-test-key';
  url = '';

  async start(): Promise<this> {
    const jwk = this.key.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/v1/.well-known/openidconfiguration')) {
        res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${this.url}/keys` }));
      } else if (req.url === '/keys') {
        res.end(
          JSON.stringify({
            keys: [{ kty: 'RSA', use: 'sig', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
          }),
        );
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get metadataUrl(): string {
    return `${this.url}/v1/.well-known/openidconfiguration`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A token like the Bot Connector's; `signWith` forges one with another key. */
  token(claims: { aud: string; serviceurl: string; iss?: string }, signWith?: KeyObject): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid };
    const payload = { iss: 'https://api.botframework.com', nbf: now - 60, exp: now + 3600, ...claims };
    const body = `${b64(header)}.${b64(payload)}`;
    const signature = createSign('RSA-SHA256')
      .update(body)
      .sign(signWith ?? this.key.privateKey)
      .toString('base64url');
    return `${body}.${signature}`;
  }
}

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export const otherKey = (): KeyObject => OTHER_KEY;
