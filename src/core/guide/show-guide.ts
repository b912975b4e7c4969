import { enqueueLatestUpdate } from '../delivery/enqueue.js';
import { displayKey, type Guide } from '../domain/guide.js';
import type { CoreDeps } from '../kernel/deps.js';
import { liveMessage, recordMessage } from './guide-message.js';
import { guideOutboxId } from './rules.js';

/**
 * Shows a guide as it is at `now` by editing its message in the group's space (the live message while it
 * runs, the record once ended), and stores it. Edits coalesce in the outbox: while one waits to be sent,
 * the next replaces it. Runs in the caller's transaction; returns the guide as stored.
 */
export function showGuide(deps: CoreDeps, g: Guide, now: Date): Guide {
  const { store } = deps;
  const group = store.groups.get(g.groupId);
  if (!group) return g;
  const msg = g.status === 'running' ? liveMessage(deps, g, group, now) : recordMessage(deps, g, group);
  const nextId = guideOutboxId(g, `edit:${g.edits + 1}`);
  const latest = enqueueLatestUpdate(deps, {
    platform: group.platform,
    targetId: g.postId,
    latestId: g.editId,
    nextId,
    message: msg,
  });
  const shown: Guide = {
    ...g,
    editId: latest,
    edits: latest === nextId ? g.edits + 1 : g.edits,
    shown: displayKey(g, now),
  };
  store.guides.update(shown);
  return shown;
}
