import { z } from 'zod';

/**
 * Which activities Cairn accepts at all: Teams only, from the allowed tenants. Checked on every request
 * before the SDK runs; the Bot Framework token is then validated by the SDK for what is admitted, so an
 * activity claiming an allowed tenant still needs a valid token.
 */
const envelope = z
  .object({
    channelId: z.string().optional(),
    conversation: z.object({ tenantId: z.string().optional() }).loose().optional(),
    channelData: z
      .object({ tenant: z.object({ id: z.string().optional() }).loose().optional() })
      .loose()
      .optional(),
  })
  .loose();

export type Admission = { ok: true; tenantId: string | undefined } | { ok: false; reason: string };

export function admit(body: unknown, allowedTenants: ReadonlySet<string>): Admission {
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return { ok: false, reason: 'malformed activity' };
  if (parsed.data.channelId !== 'msteams') return { ok: false, reason: 'not a Teams activity' };
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
