/** A catalogue's shape with literal strings widened: the other language must match keys and parameters. */
export type Widen<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : string;
};
