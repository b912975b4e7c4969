import { z } from 'zod';
import type { CoreDeps } from './deps.js';
import type { Request } from './request.js';

/**
 * How long a sealed form state is accepted after it was issued. A form left open overnight still works; a
 * state copied from an old form (or sealed before the secret was rotated) stops working after a day.
 */
export const FORM_STATE_TTL_MS = 24 * 3_600_000;

/**
 * Seals a form's state (ids only) together with who it was opened for and when, so that a client can
 * neither change the ids it carries, nor replay someone else's form, nor keep a form for ever.
 */
export const sealState = (req: Request, state: object): string => sealFor(req.deps, req.actor.userRef, state);

export function sealFor(deps: CoreDeps, userRef: string, state: object): string {
  return deps.secrets.seal(JSON.stringify({ u: userRef, t: deps.clock.now().getTime(), s: state }));
}

const envelope = z.object({ u: z.string(), t: z.number().int(), s: z.unknown() });

/**
 * The state if its seal holds, it was opened for this person less than a day ago and it matches the
 * schema; else null (the caller answers FORM.EXPIRED: "open it again").
 */
export function openState<S extends z.ZodType>(req: Request, schema: S, sealed: string): z.infer<S> | null {
  return unsealFor(req.deps, req.actor.userRef, schema, sealed);
}

export function unsealFor<S extends z.ZodType>(
  deps: CoreDeps,
  userRef: string,
  schema: S,
  sealed: string,
): z.infer<S> | null {
  const raw = deps.secrets.unseal(sealed);
  if (raw === null) return null;
  try {
    const outer = envelope.safeParse(JSON.parse(raw));
    if (!outer.success || outer.data.u !== userRef) return null;
    const age = deps.clock.now().getTime() - outer.data.t;
    // A little slack for a clock that moved back (NTP); never a state from the future beyond it.
    if (age > FORM_STATE_TTL_MS || age < -60_000) return null;
    const inner = schema.safeParse(outer.data.s);
    return inner.success ? inner.data : null;
  } catch {
    return null;
  }
}
