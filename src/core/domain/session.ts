export type SessionStatus = 'scheduled' | 'cancelled';

export type Session = {
  id: string;
  groupId: string;
  startsAt: Date;
  durationMinutes: number;
  place: string;
  status: SessionStatus;
  seriesId: string | null;
};

export const sessionEndsAt = (s: Session): Date =>
  new Date(s.startsAt.getTime() + s.durationMinutes * 60_000);
