import { z } from 'zod';
import { isAllowedServiceUrl } from './service-urls.js';

/**
 * Which authenticated activities Cairn accepts: Teams only, from the allowed tenants, with a service URL
 * on a Bot Framework host. Checked after the Bot Framework token (an unauthenticated request gets 401
 * whatever it claims, so the answer tells nothing about which tenants are allowed) and before any listener.
 */
const envelope = z
  .object({
    channelId: z.string().optional(),
    serviceUrl: z.string().optional(),
    conversation: z.object({ tenantId: z.string().optional() }).loose().optional(),
    channelData: z
      .object({ tenant: z.object({ id: z.string().optional() }).loose().optional() })
      .loose()
      .optional(),
  })
  .loose();

export type Admission = { ok: true; tenantId: string | undefined } | { ok: false; reason: string };

export type AdmissionPolicy = {
  allowedTenants: ReadonlySet<string>;
  /** Tests only: a service URL on this machine (the fake Bot Connector) is accepted too. */
  loopbackServiceUrls: boolean;
};

export function admit(body: unknown, policy: AdmissionPolicy): Admission {
  const { allowedTenants } = policy;
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'malformed activity' };
  if (parsed.data.channelId !== 'msteams') return { ok: false, reason: 'not a Teams activity' };
  if (!isAllowedServiceUrl(parsed.data.serviceUrl ?? '', policy.loopbackServiceUrls))
    return { ok: false, reason: 'service URL not a Bot Framework host' };
  const claimed = [parsed.data.channelData?.tenant?.id, parsed.data.conversation?.tenantId].filter(
    (t): t is string => Boolean(t),
  );
  const tenantId = claimed[0];
  if (allowedTenants.size === 0) return { ok: true, tenantId };
  if (claimed.length === 0 || claimed.some((t) => !allowedTenants.has(t.toLowerCase())))
    return { ok: false, reason: 'tenant not allowed' };
  return { ok: true, tenantId };
}

/** TEAMS_ALLOWED_TENANTS, else the app's own tenant; empty (any) only when neither is set (tests). */
export function allowedTenantsOf(list: string | undefined, ownTenant: string | undefined): Set<string> {
  const tenants = (list ?? '')
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  if (tenants.length === 0 && ownTenant) tenants.push(ownTenant.toLowerCase());
  return new Set(tenants);
}
