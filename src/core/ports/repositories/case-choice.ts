import type { CaseChoiceSettings } from '../../domain/group.js';

/** A presented case, as the rotation sees it: whose, and when (its session's start, else when marked). */
export type Presentation = { authorId: string; caseId: string; at: Date };

/** A group's settings for choosing cases, and what the rotation needs to know of its members. */
export interface CaseChoiceRepository {
  /** The group's settings (the defaults when it never saved any). */
  settingsOf(groupId: string): CaseChoiceSettings;
  saveSettings(groupId: string, settings: CaseChoiceSettings): void;
  /** Records when someone became a member of a group (kept if already known; goes with the membership). */
  recordJoin(groupId: string, personId: string, at: Date): void;
  /** When each member of a group joined, by person id (members who joined before this was kept: absent). */
  joinedAt(groupId: string): Map<string, Date>;
  /** The group's presented cases. */
  presentations(groupId: string): Presentation[];
}
