import { z } from 'zod';
import type { CoreDeps } from './deps.js';
import type { Request } from './request.js';

/**
 * Seals a form's state (ids only) together with who it was opened for, so that a client can neither
 * change the ids it carries nor replay someone else's form.
 */
export const sealState = (req: Request, state: object): string =>
  req.deps.secrets.seal(JSON.stringify({ u: req.actor.userRef, s: state }));

const envelope = z.object({ u: z.string(), s: z.unknown() });

/** The state if its seal holds, it was opened for this person and it matches the schema; else null. */
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
    const inner = schema.safeParse(outer.data.s);
    return inner.success ? inner.data : null;
  } catch {
    return null;
  }
}
