/**
 * The answer of `call`, or `timeout()` thrown once `ms` have passed without one (the late answer is then
 * ignored).
 */
export function withDeadline<T>(call: Promise<T>, ms: number, timeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout()), ms);
  });
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}
