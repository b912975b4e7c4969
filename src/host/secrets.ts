import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Secrets } from '../core/ports/secrets.js';

/** Keys derived from CAIRN_SECRET with HKDF, one per purpose; the secret itself is never stored. */
export function createSecrets(masterSecret: string): Secrets {
  const derive = (info: string): Buffer =>
    Buffer.from(hkdfSync('sha256', Buffer.from(masterSecret, 'utf8'), Buffer.from('cairn/v1'), info, 32));
  const checkinKey = derive('checkin-participation');
  // The vote's tokens have their own key: a ballot token never matches a check-in token.
  const ballotKey = derive('case-vote-participation');
  const sealKey = derive('form-state');
  const mac = (key: Buffer, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

  return {
    participationToken(roundId, userRef) {
      // One key per round: the same person's tokens in two rounds cannot be matched.
      const roundKey = mac(checkinKey, `round:${roundId}`);
      return mac(roundKey, userRef).toString('base64url');
    },
    ballotToken(roundId, userRef) {
      const roundKey = mac(ballotKey, `ballot:${roundId}`);
      return mac(roundKey, userRef).toString('base64url');
    },
    seal(state) {
      const body = Buffer.from(state, 'utf8').toString('base64url');
      return `${body}.${mac(sealKey, body).toString('base64url')}`;
    },
    unseal(sealed) {
      const dot = sealed.lastIndexOf('.');
      if (dot <= 0) return null;
      const body = sealed.slice(0, dot);
      const given = Buffer.from(sealed.slice(dot + 1), 'base64url');
      const expected = mac(sealKey, body);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      return Buffer.from(body, 'base64url').toString('utf8');
    },
  };
}

/** Another derived key, for adapters that encrypt at rest (Slack tokens). */
export function deriveKey(masterSecret: string, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync('sha256', Buffer.from(masterSecret, 'utf8'), Buffer.from('cairn/v1'), purpose, 32),
  );
}
