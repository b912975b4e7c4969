const FIRST = ['Alice', 'Bruno', 'Chloé', 'David', 'Emma', 'Farid', 'Gaëlle', 'Hugo', 'Inès', 'Jules'];
const LAST = ['Martin', 'Petit', 'Durand', 'Moreau', 'Laurent', 'Girard', 'Roux', 'Blanc', 'Noir', 'Faure'];

/** `count` people with distinct user refs and names (`U-M01` "Alice Martin", `U-M02` "Bruno Petit", …). */
export const testPeople = (count: number, prefix = 'U-M'): [ref: string, name: string][] =>
  Array.from({ length: count }, (_, i) => [
    `${prefix}${String(i + 1).padStart(2, '0')}`,
    `${FIRST[i % FIRST.length]} ${LAST[(i * 3 + Math.floor(i / FIRST.length)) % LAST.length]}`,
  ]);
