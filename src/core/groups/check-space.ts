import type { PlatformUser } from '../contract/chat-platform.js';
import type { Request } from '../kernel/request.js';
import type { ErrorCode } from '../kernel/result.js';

/** How long set-up waits for the platform (Slack gives 3 seconds to answer a command or a form). */
const SPACE_CHECK_TIMEOUT_MS = 1_500;

export type SpaceCheck = { ok: true; members: PlatformUser[] } | { ok: false; code: ErrorCode };

/**
 * What set-up requires of a space, asked of the platform each time the form is opened and submitted:
 * Cairn is in it, it is not shared with another organisation, its members could be listed, and the
 * person setting it up is one of them. So nobody binds a space Cairn was never invited to (and squats it
 * before the real group arrives), nobody binds a space they are not in, and a form state cannot be
 * carried to another space.
 */
export async function checkSpace(req: Request, address: string): Promise<SpaceCheck> {
  const platform = req.deps.platforms.get(req.actor.platform);
  const [facts, members] = await Promise.all([
    withTimeout(platform.describeSpace(address)),
    withTimeout(platform.listSpaceMembers(address)),
  ]);
  if (!facts.ok) return failed(req, 'GROUP.SPACE_UNREADABLE', facts.error);
  if (!facts.value.cairnIsMember) return { ok: false, code: 'GROUP.CAIRN_NOT_IN_SPACE' };
  if (facts.value.sharedOutside) return { ok: false, code: 'GROUP.SHARED_SPACE' };
  if (!members.ok) return failed(req, 'GROUP.SPACE_UNREADABLE', members.error);
  if (!members.value.some((m) => m.userRef === req.actor.userRef))
    return { ok: false, code: 'GROUP.NOT_IN_SPACE' };
  return { ok: true, members: members.value };
}

function failed(req: Request, code: ErrorCode, error: string): SpaceCheck {
  req.deps.logger.warn({ code, error }, 'set-up could not check the space');
  return { ok: false, code };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

async function withTimeout<T>(work: Promise<T>): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), SPACE_CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, value };
  } catch (err) {
    // Adapters' delivery errors say the platform's code ("slack: channel_not_found"); nothing people wrote.
    return { ok: false, error: err instanceof Error ? err.message.slice(0, 120) : 'unknown' };
  } finally {
    clearTimeout(timer);
  }
}
