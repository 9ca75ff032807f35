import type { ConnectorKind } from '@connect/connectors';

export interface Dialect {
  /** What the model is told the query language is. */
  name: string;
  /** How to write a raw query in it, beyond the language's name. */
  queryRules: string;
}

/**
 * The raw-query language of each kind, as the model needs to hear it. Filters are
 * the same for every kind; only raw queries depend on this.
 */
export const dialects: Record<ConnectorKind, Dialect> = {
  postgres: {
    name: 'PostgreSQL SQL',
    queryRules:
      'One SELECT (or WITH ... SELECT) statement, no semicolon. Quote identifiers with double quotes ("Signup Source") and qualify tables with their schema. Use now() for the current time.',
  },
  mysql: {
    name: 'MySQL / MariaDB SQL',
    queryRules:
      'One SELECT (or WITH ... SELECT) statement, no semicolon. Quote identifiers with backticks (`Signup Source`) and qualify tables with their database. Use NOW() for the current time.',
  },
  snowflake: {
    name: 'Snowflake SQL',
    queryRules:
      'One SELECT (or WITH ... SELECT) statement, no semicolon. Identifiers are case-sensitive as listed: quote them with double quotes. Use CURRENT_TIMESTAMP() for the current time.',
  },
  mongodb: {
    name: 'MongoDB aggregation pipeline',
    queryRules:
      'A JSON array of aggregation stages run on the chosen collection, such as [{"$match": {"age": {"$gte": 40}}}]. Use "$$NOW" for the current time. Never use $out or $merge.',
  },
};
