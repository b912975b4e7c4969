export interface IdSource {
  /** A new unique, unguessable id. */
  newId(): string;
}
