import { DateTime, IANAZone } from 'luxon';
import type { ReminderOffset } from './group.js';

export const isValidTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

/** A wall-clock time on a calendar day in a zone, as a UTC instant (DST handled by luxon). */
export function atLocalTime(day: DateTime, time: string, zone: string): Date {
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: hour ?? 0, minute: minute ?? 0 },
    { zone },
  ).toJSDate();
}

/** The local calendar day of an instant, shifted by `days`. */
export function localDay(instant: Date, zone: string, days = 0): DateTime {
  return DateTime.fromJSDate(instant, { zone }).startOf('day').plus({ days });
}

/** When a case-preparation reminder for a session is due. */
export const reminderDueAt = (startsAt: Date, offset: ReminderOffset, zone: string): Date =>
  atLocalTime(localDay(startsAt, zone, -offset.daysBefore), offset.time, zone);

/** The facilitators' digest: the day before the session at 09:00 local. */
export const digestDueAt = (startsAt: Date, zone: string): Date =>
  atLocalTime(localDay(startsAt, zone, -1), '09:00', zone);

/** Parses a local date ("2026-03-29") and time ("14:00") in a zone; null when invalid. */
export function parseLocal(date: string, time: string, zone: string): Date | null {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  return dt.isValid ? dt.toJSDate() : null;
}

/** A local date plus a number of weeks, at the same wall-clock time. */
export const plusWeeks = (instant: Date, weeks: number, zone: string): Date =>
  DateTime.fromJSDate(instant, { zone }).plus({ weeks }).toJSDate();

/** End of a local calendar day given as yyyy-mm-dd (exclusive bound: the next midnight). */
export function endOfLocalDay(date: string, zone: string): Date | null {
  const dt = DateTime.fromISO(date, { zone });
  return dt.isValid ? dt.startOf('day').plus({ days: 1 }).toJSDate() : null;
}
