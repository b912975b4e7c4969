export type { ClockResult, ClockStep, View } from './api.js';
export { SimulatedClock } from './clock.js';
export { PLAYGROUND_PLATFORM, PLAYGROUND_WORKSPACE, PlaygroundPlatform } from './platform.js';
export { defaultWebDir, Playground, type PlaygroundOptions } from './playground.js';
