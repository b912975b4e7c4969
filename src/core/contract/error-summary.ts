/** An error's class and message, never its payload (errors from SDKs can carry request bodies). */
export function errorSummary(err: unknown): { name: string; message: string } {
  if (err instanceof Error) return { name: err.name, message: err.message.slice(0, 300) };
  return { name: 'unknown', message: String(err).slice(0, 300) };
}
