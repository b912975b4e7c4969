import type { ClockResult, ClockStep, View } from '../api.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

async function request<T>(path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network');
  }
  const data = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, data.error ?? 'error');
  return data as T;
}

type WithView = { ok: true; view?: View };

/** The playground's HTTP API, as the page uses it. */
export const api = {
  /** The first persona's view (a first visit). */
  viewDefault: () => request<View>('/api/playground/view'),
  view: (persona: string) => request<View>(`/api/playground/view?persona=${encodeURIComponent(persona)}`),
  say: (persona: string, conversation: string, text: string) =>
    request<WithView>('/api/playground/say', { persona, conversation, text }),
  press: (persona: string, entry: string, action: string, value: string) =>
    request<WithView>('/api/playground/press', { persona, entry, action, value }),
  submit: (persona: string, seq: number, values: Record<string, string | string[]>) =>
    request<WithView>('/api/playground/form/submit', { persona, seq, values }),
  closeForm: (persona: string) => request<WithView>('/api/playground/form/close', { persona }),
  clock: (step: ClockStep) => request<{ ok: true } & ClockResult>('/api/playground/clock', { step }),
  language: (persona: string, language: 'fr' | 'en') =>
    request<WithView>('/api/playground/language', { persona, language }),
};
