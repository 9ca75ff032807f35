/** A PostgreSQL string literal (standard_conforming_strings is on, so only quotes need doubling). */
export function pgString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A PostgreSQL quoted identifier. */
export function pgIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
