import { leavesNoTrace } from '../contract/anonymity.js';
import { parseCommand } from '../contract/commands.js';
import type { InboundEvent } from '../contract/events.js';
import { loggableId } from '../contract/ids.js';
import { NO_REPLY, type Reply } from '../contract/reply.js';
import type { CoreDeps } from './deps.js';
import { failureFormReply, failureReply } from './replies.js';
import { resolveRequest } from './request.js';
import type { LifecycleHandler, LifecycleKind, RouteTable } from './routes.js';

/**
 * The single entry point of every adapter: a neutral event in, what to show inside the platform's
 * response window out. Retried deliveries (same event id) have no second effect; the event's id is
 * recorded in the same transaction as the first change it makes (Store.handlingEvent), so a delivery that
 * failed before its change is handled again when the platform retries it.
 */
export async function dispatch(deps: CoreDeps, routes: RouteTable, event: InboundEvent): Promise<Reply> {
  // Around a check-in answer nothing is written but the counters: no event id, no display-name refresh,
  // no log line (its time could be matched with the counters' changes).
  const anonymous = (event.kind === 'form.submitted' || event.kind === 'action') && leavesNoTrace(event);
  if (!event.eventId || anonymous) return route(deps, routes, event, anonymous);
  const duplicate = () => {
    deps.logger.debug({ eventId: event.eventId }, 'duplicate delivery ignored');
    return NO_REPLY;
  };
  if (deps.store.inbound.seen(event.eventId)) return duplicate();
  const outcome = await deps.store.handlingEvent(event.eventId, deps.clock.now(), () =>
    route(deps, routes, event, anonymous),
  );
  return outcome.duplicate ? duplicate() : outcome.value;
}

async function route(
  deps: CoreDeps,
  routes: RouteTable,
  event: InboundEvent,
  anonymous: boolean,
): Promise<Reply> {
  switch (event.kind) {
    case 'command': {
      const req = resolveRequest(deps, event.actor, event.place);
      const parsed = parseCommand(event.text);
      deps.logger.info({ command: parsed.name ?? 'unknown', platform: event.actor.platform }, 'command');
      if (!parsed.name) return routes.unknownCommand(req, parsed.word);
      return routes.commands[parsed.name](req, parsed.args);
    }
    case 'action': {
      const req = resolveRequest(deps, event.actor, event.place, { readOnly: anonymous });
      const handler = routeOf(routes.actions, event.action);
      if (!anonymous)
        deps.logger.info({ action: loggableId(event.action), platform: event.actor.platform }, 'action');
      return handler ? handler(req, event.value) : failureReply(req, 'ACTION.UNKNOWN');
    }
    case 'form.submitted': {
      const req = resolveRequest(deps, event.actor, { kind: 'direct' }, { readOnly: anonymous });
      const handler = routeOf(routes.forms, event.formId);
      if (!anonymous)
        deps.logger.info(
          { form: loggableId(event.formId), platform: event.actor.platform },
          'form submitted',
        );
      return handler
        ? handler(req, { state: event.state, values: event.values })
        : failureFormReply(req, 'FORM.UNKNOWN');
    }
    default: {
      const handler = routes.lifecycle[event.kind] as LifecycleHandler<LifecycleKind>;
      handler(deps, event as never);
      return NO_REPLY;
    }
  }
}

/** The handler of an id a client sent (any string): only the table's own keys count. */
function routeOf<H>(table: Record<string, H>, id: string): H | undefined {
  return Object.hasOwn(table, id) ? table[id] : undefined;
}
