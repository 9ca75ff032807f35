import type { TypeCast } from 'mysql2';

/** `2024-03-05 12:34:56.789` (UTC: the session's time zone) to ISO-8601; zero dates stay as text. */
export function mysqlDateTimeToIso(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(\.\d+)?$/.exec(text);
  if (!match || match[1] === '0000-00-00') return text;
  const millis = (match[3] ?? '.000').padEnd(4, '0').slice(0, 4);
  return `${match[1]}T${match[2]}${millis}Z`;
}

/**
 * How mysql2 turns column values into JS for customer data: TINYINT(1) (MySQL's
 * BOOLEAN) as true/false, DATETIME/TIMESTAMP as ISO-8601 UTC, DATE as `YYYY-MM-DD`.
 * Big integers and decimals are strings already (pool options).
 */
export const mysqlTypeCast: TypeCast = (field, next) => {
  switch (field.type) {
    case 'TINY': {
      if (field.length !== 1) return next();
      const text = field.string();
      return text === null ? null : text !== '0';
    }
    case 'DATETIME':
    case 'TIMESTAMP': {
      const text = field.string();
      return text === null ? null : mysqlDateTimeToIso(text);
    }
    case 'DATE':
    case 'NEWDATE':
      return field.string();
    default:
      return next();
  }
};
