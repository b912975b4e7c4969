import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Secrets } from '../core/ports/secrets.js';

/**
 * Keys derived from CAIRN_SECRET with HKDF, one per purpose; the secret itself is never stored. With a
 * previous secret (rotation), new tokens and seals use the current one and both are accepted when reading.
 */
export function createSecrets(masterSecret: string, previousSecret?: string): Secrets {
  const masters = [masterSecret, ...(previousSecret ? [previousSecret] : [])];
  const checkinKeys = masters.map((m) => deriveKey(m, 'checkin-participation'));
  // The vote's tokens have their own key: a ballot token never matches a check-in token.
  const ballotKeys = masters.map((m) => deriveKey(m, 'case-vote-participation'));
  const sealKeys = masters.map((m) => deriveKey(m, 'form-state'));
  const mac = (key: Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
  const token = (key: Buffer, roundId: string, userRef: string): string =>
    // One key per round: the same person's tokens in two rounds cannot be matched.
    mac(mac(key, `round:${roundId}`), userRef).toString('base64url');

  return {
    participationToken: (roundId, userRef) => token(checkinKeys[0]!, roundId, userRef),
    participationTokens(roundId, userRef) {
      const [current, ...previous] = checkinKeys.map((key) => token(key, roundId, userRef));
      return [current!, ...previous];
    },
    ballotTokens(roundId, userRef) {
      const ballotToken = (key: Buffer) => mac(mac(key, `ballot:${roundId}`), userRef).toString('base64url');
      const [current, ...previous] = ballotKeys.map(ballotToken);
      return [current!, ...previous];
    },
    seal(state) {
      const body = Buffer.from(state, 'utf8').toString('base64url');
      return `${body}.${mac(sealKeys[0]!, body).toString('base64url')}`;
    },
    unseal(sealed) {
      const dot = sealed.lastIndexOf('.');
      if (dot <= 0) return null;
      const body = sealed.slice(0, dot);
      const given = Buffer.from(sealed.slice(dot + 1), 'base64url');
      for (const key of sealKeys) {
        const expected = mac(key, body);
        if (given.length === expected.length && timingSafeEqual(given, expected))
          return Buffer.from(body, 'base64url').toString('utf8');
      }
      return null;
    },
  };
}

/** Another derived key, for adapters that encrypt at rest (Slack tokens). */
export function deriveKey(masterSecret: string, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(masterSecret, 'utf8'), Buffer.from('cairn/v1'), purpose, 32),
  );
}
