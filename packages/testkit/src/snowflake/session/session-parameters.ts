export type ParameterValue = string | number | boolean;

/**
 * Session parameters the server reports in every login and query reply. snowflake-sdk reads
 * TIMEZONE and the *_OUTPUT_FORMAT values to convert dates and timestamps (result/column.js),
 * JS_TREAT_INTEGER_AS_BIGINT to pick number or BigInt, CLIENT_SESSION_KEEP_ALIVE to start
 * heartbeats, and QUERY_CONTEXT_CACHE_SIZE; the values are Snowflake's defaults.
 */
export const DEFAULT_PARAMETERS: Readonly<Record<string, ParameterValue>> = {
  TIMEZONE: 'America/Los_Angeles',
  TIMESTAMP_OUTPUT_FORMAT: 'YYYY-MM-DD HH24:MI:SS.FF3 TZHTZM',
  TIMESTAMP_NTZ_OUTPUT_FORMAT: 'YYYY-MM-DD HH24:MI:SS.FF3',
  TIMESTAMP_LTZ_OUTPUT_FORMAT: '',
  TIMESTAMP_TZ_OUTPUT_FORMAT: '',
  DATE_OUTPUT_FORMAT: 'YYYY-MM-DD',
  TIME_OUTPUT_FORMAT: 'HH24:MI:SS',
  BINARY_OUTPUT_FORMAT: 'HEX',
  CLIENT_RESULT_PREFETCH_SLOTS: 2,
  CLIENT_RESULT_PREFETCH_THREADS: 1,
  CLIENT_RESULT_CHUNK_SIZE: 160,
  CLIENT_HONOR_CLIENT_TZ_FOR_TIMESTAMP_NTZ: true,
  CLIENT_USE_V1_QUERY_API: true,
  CLIENT_DISABLE_INCIDENTS: true,
  CLIENT_TELEMETRY_ENABLED: true,
  CLIENT_SESSION_KEEP_ALIVE: false,
  CLIENT_SESSION_KEEP_ALIVE_HEARTBEAT_FREQUENCY: 3600,
  CLIENT_STAGE_ARRAY_BINDING_THRESHOLD: 65280,
  JS_TREAT_INTEGER_AS_BIGINT: false,
  QUERY_CONTEXT_CACHE_SIZE: 5,
  MULTI_STATEMENT_COUNT: 1,
  STATEMENT_TIMEOUT_IN_SECONDS: 172800,
};

/** Defaults overlaid with what the session set (login SESSION_PARAMETERS, ALTER SESSION). */
export function parameterList(
  session: ReadonlyMap<string, ParameterValue>,
): { name: string; value: ParameterValue }[] {
  const merged = new Map<string, ParameterValue>(Object.entries(DEFAULT_PARAMETERS));
  for (const [name, value] of session) merged.set(name, value);
  return [...merged].map(([name, value]) => ({ name, value }));
}

/** A parameter for one statement: the request's own value, else the session's, else the default. */
export function effectiveParameter(
  name: string,
  session: ReadonlyMap<string, ParameterValue>,
  statement?: Record<string, unknown>,
): ParameterValue | undefined {
  const fromStatement = statement?.[name] ?? statement?.[name.toLowerCase()];
  if (
    typeof fromStatement === 'string' ||
    typeof fromStatement === 'number' ||
    typeof fromStatement === 'boolean'
  ) {
    return fromStatement;
  }
  return session.get(name) ?? DEFAULT_PARAMETERS[name];
}
