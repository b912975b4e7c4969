import { browserTestPlan } from './chromium.js';

/**
 * vitest globalSetup: when the browser tests were left out (no Chromium, not required), says so in one
 * line after the run's summary, where someone who just typed `npm test` looks.
 */
export default function browserNotice(): () => void {
  const plan = browserTestPlan();
  return () => {
    if (!plan.run) process.stdout.write(`\n${plan.notice}\n`);
  };
}
