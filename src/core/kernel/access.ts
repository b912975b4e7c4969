import type { PersonGroup } from '../ports/repositories/groups.js';
import type { Request } from './request.js';
import { fail, ok, type Result } from './result.js';

/** The groups the acting person belongs to (any role). */
export function groupsOf(req: Request): PersonGroup[] {
  return req.stored ? req.deps.store.memberships.listByPerson(req.person.id) : [];
}

/**
 * The group a request is about: the group bound to the space it came from, or the person's only group
 * when it came from a direct conversation. Someone outside the group learns nothing about it.
 */
export function groupOfRequest(req: Request, groupId?: string): Result<PersonGroup> {
  const mine = groupsOf(req);
  if (groupId) {
    const found = mine.find((g) => g.group.id === groupId);
    return found ? ok(found) : fail('GROUP.NOT_FOUND');
  }
  if (req.place.kind === 'space') {
    const address = req.place.address;
    const found = mine.find((g) => g.group.spaceAddress === address);
    if (found) return ok(found);
    return req.deps.store.groups.findBySpace(address)
      ? fail('GROUP.NOT_FOUND')
      : fail('GROUP.SPACE_NOT_SET_UP');
  }
  if (mine.length === 0) return fail('GROUP.NONE');
  if (mine.length === 1) return ok(mine[0]!);
  return fail('GROUP.CHOOSE');
}

/** Groups the acting person facilitates. */
export const facilitatedGroups = (req: Request): PersonGroup[] =>
  groupsOf(req).filter((g) => g.role === 'facilitator');

/** The group, only if the acting person facilitates it. */
export function facilitatorGroup(req: Request, groupId: string): Result<PersonGroup> {
  const found = groupsOf(req).find((g) => g.group.id === groupId);
  if (!found) return fail('GROUP.NOT_FOUND');
  return found.role === 'facilitator' ? ok(found) : fail('GROUP.NOT_FACILITATOR');
}
