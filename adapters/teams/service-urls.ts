/**
 * The Bot Framework hosts an activity's `serviceUrl` may name. Replies and proactive messages are sent
 * there with Cairn's Bot Framework token, so a URL elsewhere would hand that token to someone else and let
 * them collect what Cairn writes. Public cloud: smba.trafficmanager.net and *.botframework.com; US
 * government clouds (GCC, GCC High, DoD) and their Bot Framework domain; the China cloud (21Vianet).
 */
const EXACT_HOSTS = new Set([
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
]);
const HOST_SUFFIXES = ['.botframework.com', '.botframework.us', '.botframework.azure.cn'];
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether Cairn may send to this service URL: https to a Bot Framework host; with `loopback` (tests,
 * NODE_ENV=test only) also http(s) to this machine, where the tests' fake Bot Connector listens.
 */
export function isAllowedServiceUrl(serviceUrl: string, loopback: boolean): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  if (loopback && LOOPBACK.has(host) && (url.protocol === 'http:' || url.protocol === 'https:')) return true;
  if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443')) return false;
  return EXACT_HOSTS.has(host) || HOST_SUFFIXES.some((suffix) => host.endsWith(suffix));
}
