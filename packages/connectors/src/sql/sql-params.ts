/**
 * The bound values of one statement. Compilers call `add(value)` and write the
 * placeholder it returns into the SQL; values never become SQL text.
 */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(private readonly placeholder: (position: number) => string) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.placeholder(this.values.length);
  }
}

/** A statement ready to run: text with placeholders, and the values bound to them. */
export interface SqlQuery {
  text: string;
  values: unknown[];
  /**
   * The raw query's own text when `text` wraps one (as a subquery), for drivers that
   * have the server check it alone first (see MySQL's `checkRawStatement`).
   */
  rawStatement?: string;
}

/** Asserts a number we put into SQL text (LIMIT, timeouts) is a plain non-negative integer. */
export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Not a SQL integer: ${value}`);
  return String(value);
}
