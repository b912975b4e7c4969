import { actions, context, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { Request } from '../kernel/request.js';

/** `/cairn privacy`: what Cairn keeps about you, who sees it, for how long, and what it cannot know. */
export function showPrivacy(req: Request): Reply {
  const { t } = req;
  return {
    kind: 'message',
    message: message(
      t('privacy.fallback'),
      heading(t('privacy.title')),
      text(t('privacy.stored')),
      text(t('privacy.whoSees')),
      text(t('privacy.howLong')),
      text(t('privacy.cannotKnow')),
      text(t('privacy.rights')),
      actions({
        action: 'link',
        label: t('privacy.readMore'),
        value: 'privacy',
        url: req.deps.config.privacyUrl,
      }),
      context(t('privacy.hierarchy')),
    ),
  };
}
