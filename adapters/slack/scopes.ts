/**
 * The bot scopes Cairn asks for, and why. The manifest and the OAuth install use this list; a test checks
 * it against the Web API methods the adapter calls.
 */
export const BOT_SCOPES = [
  'commands', // the /cairn slash command
  'chat:write', // chat.postMessage, chat.update, chat.postEphemeral (DMs and channels Cairn is in)
  'im:write', // conversations.open for direct messages
  'users:read', // users.info: display names, locales, bots filtered out of member lists
  'groups:read', // conversations.members and .info of a group's private channel, its membership events
  'files:write', // files.uploadV2: the check-in trend picture, shared in the facilitator's DM with Cairn
] as const;

/** Which scope each Web API method Cairn calls needs (none: views.*, auth.test, oauth.v2.access). */
export const METHOD_SCOPES: Record<string, (typeof BOT_SCOPES)[number] | null> = {
  'auth.test': null,
  'oauth.v2.access': null,
  'apps.connections.open': null,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'conversations.open': 'im:write',
  'conversations.members': 'groups:read',
  'conversations.info': 'groups:read',
  'users.info': 'users:read',
  // The SDK's helper: files.getUploadURLExternal, the upload, then files.completeUploadExternal.
  'files.uploadV2': 'files:write',
  'files.getUploadURLExternal': 'files:write',
  'files.completeUploadExternal': 'files:write',
  'views.open': null,
  'views.push': null,
  'views.update': null,
  'views.publish': null,
};

/** The events Cairn subscribes to (bot events). */
export const BOT_EVENTS = [
  'app_home_opened',
  'app_uninstalled',
  'tokens_revoked',
  'member_joined_channel',
  'member_left_channel',
  'group_left',
] as const;
