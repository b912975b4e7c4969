import type { Language } from './language.js';

/**
 * A check-in trend as the core hands it to whatever draws it: platform-neutral and already in the
 * reader's language. Built by src/core/checkins/trends (which says what goes in it and why); drawn by the
 * host (src/host/charts) at send time. Every figure in it is an aggregate already released to the
 * facilitator: nothing about a person, nothing from a round below k.
 */

/** A point of the 1–5 scale. */
export type ScaleBucket = 1 | 2 | 3 | 4 | 5;

/** One column of one panel: a released round (or a month across groups) and its answers to the question. */
export type TrendColumn = {
  /** Unique within the chart: the round's id, or the month (yyyy-mm) across groups. */
  id: string;
  /** The rounds summed into the column, each released and releasable on its own. */
  roundIds: readonly string[];
  /** The round's closing day or the month, in full, in the chart's language: "12 janvier 2027". */
  label: string;
  /** The same on short lines for a narrow axis, then the count: ["12 janv.", "2027", "n = 6"]. */
  axisLabel: readonly string[];
  respondents: number;
  /** Groups summed: 1 in a group's trend. */
  groups: number;
  median: ScaleBucket;
  /** The middle half of the answers: lower and upper quartile. */
  low: ScaleBucket;
  high: ScaleBucket;
};

/** The five points of a question's scale, 1 to 5, as the check-in form words them ("1 — écrasante"). */
export type ScaleWords = readonly [string, string, string, string, string];

export type TrendPanel<Question extends string = string> = {
  question: Question;
  title: string;
  scale: ScaleWords;
  /** Oldest first; the same columns, in the same order, in every panel. */
  columns: readonly TrendColumn[];
};

export type TrendChart<Question extends string = string> = {
  scope: 'group' | 'groups';
  language: Language;
  title: string;
  /** How to read the picture, one line each. */
  subtitle: readonly string[];
  /** One panel per question, in the check-in's order. */
  panels: readonly TrendPanel<Question>[];
  /** The text alternative: every median and spread of every panel, in words, one line each. */
  altText: string;
};

/**
 * What a platform can show of a picture sent inside a message: `scale` pixels per point of the chart, and
 * at most `maxBytes` of PNG (a platform that carries the picture inside the message itself, as Teams does).
 */
export type ImageLimits = { scale: number; maxBytes?: number };

/**
 * A chart drawn for one platform at send time: a PNG (base64), its size in pixels, and the chart's title
 * and text alternative, which every platform shows or reads out with it.
 */
export type Picture = {
  pngBase64: string;
  width: number;
  height: number;
  title: string;
  altText: string;
  filename: string;
};
