import { SnowflakeSqlError } from '../snowflake-errors';
import { pgString } from './pg-literal';
import { significant, type SqlNode } from './syntax-tree';
import type { FunctionCall, SqlWriter } from './translator-api';

type FunctionRewrite = (call: FunctionCall, out: SqlWriter) => void;

/**
 * Snowflake functions that PostgreSQL lacks or spells differently, rewritten as calls to
 * PostgreSQL built-ins or to the helpers install-catalog.ts creates in `sf_internal`. Functions
 * not listed here are passed through unchanged (COUNT, SUM, LOWER, COALESCE, ROUND...), and
 * PostgreSQL's "function does not exist" comes back as Snowflake's 002140.
 */
export const functionRewrites: Record<string, FunctionRewrite> = {
  CURRENT_VERSION: (call, out) => literal(call, out, out.scope.serverVersion),
  CURRENT_DATABASE: (call, out) => literal(call, out, out.scope.sessionDatabase),
  CURRENT_SCHEMA: (call, out) => literal(call, out, out.scope.sessionSchema),
  CURRENT_WAREHOUSE: (call, out) => literal(call, out, out.scope.sessionWarehouse),
  CURRENT_ROLE: (call, out) => literal(call, out, out.scope.sessionRole),
  // Secondary roles are not modelled: Snowflake's answer for a session without any.
  CURRENT_SECONDARY_ROLES: (call, out) => literal(call, out, '{"roles":"","value":""}'),
  CURRENT_USER: (call, out) => literal(call, out, out.scope.user),
  CURRENT_ACCOUNT: (call, out) => literal(call, out, out.scope.account),
  CURRENT_ACCOUNT_NAME: (call, out) => literal(call, out, out.scope.account),
  CURRENT_SESSION: (call, out) => literal(call, out, String(out.scope.sessionId)),
  CURRENT_TIMESTAMP: (call, out) => out.emit('CURRENT_TIMESTAMP', call.token.start),
  SYSTIMESTAMP: (call, out) => out.emit('CURRENT_TIMESTAMP', call.token.start),
  GETDATE: (call, out) => out.emit('CURRENT_TIMESTAMP', call.token.start),
  LOCALTIMESTAMP: (call, out) => out.emit('LOCALTIMESTAMP', call.token.start),
  CURRENT_DATE: (call, out) => out.emit('CURRENT_DATE', call.token.start),
  CURRENT_TIME: (call, out) => out.emit('LOCALTIME', call.token.start),
  LOCALTIME: (call, out) => out.emit('LOCALTIME', call.token.start),
  // SYSDATE is the current time in UTC as a TIMESTAMP_NTZ.
  SYSDATE: (call, out) => out.emit(`(now() AT TIME ZONE 'UTC')`, call.token.start),
  DATEADD: (call, out) => dateArithmetic(call, out, addHelper(call, out)),
  TIMESTAMPADD: (call, out) => dateArithmetic(call, out, addHelper(call, out)),
  TIMEADD: (call, out) => dateArithmetic(call, out, addHelper(call, out)),
  DATEDIFF: (call, out) => dateArithmetic(call, out, 'sf_internal.datediff'),
  TIMESTAMPDIFF: (call, out) => dateArithmetic(call, out, 'sf_internal.datediff'),
  DATE_TRUNC: (call, out) => {
    out.emit(`sf_internal.date_trunc(${pgString(datePart(call, out, 0))}, `, call.token.start);
    out.emitNodes(arg(call, out, 1));
    out.emit(')', call.group.close.start);
  },
  DATE_PART: (call, out) => {
    out.emit(`date_part(${pgString(datePart(call, out, 0))}, `, call.token.start);
    out.emitNodes(arg(call, out, 1));
    out.emit(')', call.group.close.start);
  },
  EXTRACT: (call, out) => {
    // EXTRACT(YEAR FROM x): the part is a bare word that must not become an identifier.
    const [part] = significant(call.group.children);
    if (part?.type !== 'token') throw SnowflakeSqlError.syntax(out.sql, call.group.open.end, ')');
    out.emit(`EXTRACT(${part.token.text} `, call.token.start);
    out.emitNodes(call.group.children.slice(call.group.children.indexOf(part) + 1));
    out.emit(')', call.group.close.start);
  },
  ...Object.fromEntries(
    [
      'YEAR',
      'QUARTER',
      'MONTH',
      'WEEK',
      'DAY',
      'DAYOFMONTH',
      'DAYOFWEEK',
      'DAYOFYEAR',
      'HOUR',
      'MINUTE',
      'SECOND',
    ].map((name): [string, FunctionRewrite] => [
      name,
      (call, out) => {
        const field = { DAYOFMONTH: 'DAY', DAYOFWEEK: 'DOW', DAYOFYEAR: 'DOY' }[name] ?? name;
        out.emit(`EXTRACT(${field} FROM `, call.token.start);
        out.emitNodes(arg(call, out, 0));
        out.emit(')::numeric(38,0)', call.group.close.start);
      },
    ]),
  ),
  ARRAY_CONTAINS: (call, out) => {
    out.emit('(', call.token.start);
    out.emitNodes(arg(call, out, 1));
    out.emit(' @> jsonb_build_array(sf_internal.to_variant(', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(')))', call.group.close.start);
  },
  ARRAY_SIZE: (call, out) => wrap(call, out, 'sf_internal.array_size(', ')'),
  ARRAY_CONSTRUCT: (call, out) => variadicVariants(call, out, 'jsonb_build_array('),
  OBJECT_CONSTRUCT: (call, out) => {
    // Snowflake leaves out pairs whose value is NULL; jsonb_strip_nulls does that (recursively).
    out.emit('jsonb_strip_nulls(jsonb_build_object(', call.token.start);
    call.args.forEach((node, index) => {
      if (index > 0) out.emit(', ', call.token.start);
      if (index % 2 === 1) out.emit('sf_internal.to_variant(', call.token.start);
      out.emitNodes(node);
      if (index % 2 === 1) out.emit(')', call.token.start);
    });
    out.emit('))', call.group.close.start);
  },
  ARRAY_AGG: (call, out) => {
    out.emit('jsonb_agg(sf_internal.to_variant(', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(')', call.token.start);
    withinGroupOrder(call, out);
    out.emit(')', call.group.close.start);
  },
  PARSE_JSON: (call, out) => wrap(call, out, '(', ')::jsonb'),
  TRY_PARSE_JSON: (call, out) => wrap(call, out, '(', ')::jsonb'),
  TO_VARIANT: (call, out) => wrap(call, out, 'sf_internal.to_variant(', ')'),
  TO_OBJECT: (call, out) => wrap(call, out, '(', ')::jsonb'),
  TO_ARRAY: (call, out) => wrap(call, out, 'sf_internal.to_array(', ')'),
  GET: (call, out) => {
    out.emit('(', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(' -> ', call.token.start);
    out.emitNodes(arg(call, out, 1));
    out.emit(')', call.group.close.start);
  },
  IFF: (call, out) => {
    out.emit('(CASE WHEN ', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(' THEN ', call.token.start);
    out.emitNodes(arg(call, out, 1));
    out.emit(' ELSE ', call.token.start);
    out.emitNodes(arg(call, out, 2));
    out.emit(' END)', call.group.close.start);
  },
  NVL: (call, out) => renamed(call, out, 'COALESCE'),
  IFNULL: (call, out) => renamed(call, out, 'COALESCE'),
  NVL2: (call, out) => {
    out.emit('(CASE WHEN (', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(') IS NOT NULL THEN ', call.token.start);
    out.emitNodes(arg(call, out, 1));
    out.emit(' ELSE ', call.token.start);
    out.emitNodes(arg(call, out, 2));
    out.emit(' END)', call.group.close.start);
  },
  ZEROIFNULL: (call, out) => wrap(call, out, 'COALESCE(', ', 0)'),
  NULLIFZERO: (call, out) => wrap(call, out, 'NULLIF(', ', 0)'),
  EQUAL_NULL: (call, out) => {
    out.emit('((', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(') IS NOT DISTINCT FROM (', call.token.start);
    out.emitNodes(arg(call, out, 1));
    out.emit('))', call.group.close.start);
  },
  LEN: (call, out) => renamed(call, out, 'length'),
  CONTAINS: (call, out) => {
    out.emit('(strpos(', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(', ', call.token.start);
    out.emitNodes(arg(call, out, 1));
    out.emit(') > 0)', call.group.close.start);
  },
  STARTSWITH: (call, out) => renamed(call, out, 'starts_with'),
  ENDSWITH: (call, out) => renamed(call, out, 'sf_internal.endswith'),
  REGEXP_LIKE: (call, out) => {
    // Snowflake anchors the pattern at both ends.
    out.emit('((', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(`) ~ ('^(?:' || (`, call.token.start);
    out.emitNodes(arg(call, out, 1));
    out.emit(`) || ')$'))`, call.group.close.start);
  },
  COUNT_IF: (call, out) => wrap(call, out, 'count(*) FILTER (WHERE ', ')'),
  LISTAGG: (call, out) => {
    out.emit('string_agg((', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(')::text, ', call.token.start);
    if (call.args[1]) out.emitNodes(call.args[1]);
    else out.emit("''", call.token.start);
    withinGroupOrder(call, out);
    out.emit(')', call.group.close.start);
  },
  TO_VARCHAR: (call, out) => toText(call, out),
  TO_CHAR: (call, out) => toText(call, out),
  TO_NUMBER: (call, out) => wrap(call, out, '(', ')::numeric'),
  TO_DECIMAL: (call, out) => wrap(call, out, '(', ')::numeric'),
  TO_NUMERIC: (call, out) => wrap(call, out, '(', ')::numeric'),
  TRY_TO_NUMBER: (call, out) => wrap(call, out, '(', ')::numeric'),
  TO_DOUBLE: (call, out) => wrap(call, out, '(', ')::double precision'),
  TO_BOOLEAN: (call, out) => wrap(call, out, '(', ')::boolean'),
  TO_DATE: (call, out) => toTemporal(call, out, 'date', 'to_date'),
  TRY_TO_DATE: (call, out) => toTemporal(call, out, 'date', 'to_date'),
  DATE: (call, out) => toTemporal(call, out, 'date', 'to_date'),
  TO_TIMESTAMP: (call, out) => toTemporal(call, out, 'timestamp', 'to_timestamp'),
  TO_TIMESTAMP_NTZ: (call, out) => toTemporal(call, out, 'timestamp', 'to_timestamp'),
  TO_TIMESTAMP_LTZ: (call, out) => toTemporal(call, out, 'timestamptz', 'to_timestamp'),
  TO_TIMESTAMP_TZ: (call, out) => toTemporal(call, out, 'timestamptz', 'to_timestamp'),
  SYSTEM$WAIT: (call, out) => {
    out.emit('sf_internal.system_wait(', call.token.start);
    out.emitNodes(arg(call, out, 0));
    out.emit(', ', call.token.start);
    if (call.args[1]) out.emitNodes(call.args[1]);
    else out.emit("'SECONDS'", call.token.start);
    out.emit(')', call.group.close.start);
  },
  UUID_STRING: (call, out) => out.emit('gen_random_uuid()::text', call.token.start),
};

/** Snowflake's `WITHIN GROUP (ORDER BY ...)` is PostgreSQL's ORDER BY inside the aggregate. */
function withinGroupOrder(call: FunctionCall, out: SqlWriter) {
  if (!call.withinGroup) return;
  out.emit(' ', call.group.close.start);
  out.emitNodes(call.withinGroup);
}

function literal(call: FunctionCall, out: SqlWriter, value: string | null) {
  out.emit(value === null ? 'CAST(NULL AS text)' : `CAST(${pgString(value)} AS text)`, call.token.start);
}

function arg(call: FunctionCall, out: SqlWriter, index: number): SqlNode[] {
  const node = call.args[index];
  if (!node || significant(node).length === 0) {
    throw SnowflakeSqlError.syntax(out.sql, call.group.close.start, ')');
  }
  return node;
}

/** `before` + the first argument + `after`; further arguments (precision, scale...) are ignored. */
function wrap(call: FunctionCall, out: SqlWriter, before: string, after: string) {
  out.emit(before, call.token.start);
  out.emitNodes(arg(call, out, 0));
  out.emit(after, call.group.close.start);
}

function renamed(call: FunctionCall, out: SqlWriter, name: string) {
  out.emit(`${name}(`, call.token.start);
  out.emitNodes(call.group.children, 'expression');
  out.emit(')', call.group.close.start);
}

function variadicVariants(call: FunctionCall, out: SqlWriter, open: string) {
  out.emit(open, call.token.start);
  call.args.forEach((node, index) => {
    if (index > 0) out.emit(', ', call.token.start);
    out.emit('sf_internal.to_variant(', call.token.start);
    out.emitNodes(node);
    out.emit(')', call.token.start);
  });
  out.emit(')', call.group.close.start);
}

function toText(call: FunctionCall, out: SqlWriter) {
  if (call.args.length > 1) return renamed(call, out, 'to_char');
  wrap(call, out, 'sf_internal.to_varchar(', ')');
}

function toTemporal(call: FunctionCall, out: SqlWriter, pgType: string, formatFunction: string) {
  if (call.args.length > 1) {
    renamed(call, out, formatFunction);
    if (pgType === 'timestamp') out.emit('::timestamp', call.group.close.start);
    return;
  }
  wrap(call, out, '(', `)::${pgType}`);
}

/** Parts shorter than a day: DATEADD of one to a DATE gives a TIMESTAMP_NTZ, not a DATE. */
const TIME_PARTS = new Set(
  `HOUR HOURS H HH HR HRS MINUTE MINUTES M MI MIN MINS SECOND SECONDS S SEC SECS MILLISECOND
   MILLISECONDS MS MSEC MICROSECOND MICROSECONDS US USEC`.split(/\s+/),
);

function addHelper(call: FunctionCall, out: SqlWriter): string {
  return TIME_PARTS.has(datePart(call, out, 0)) ? 'sf_internal.timeadd' : 'sf_internal.dateadd';
}

/** DATEADD(part, n, x) / DATEDIFF(part, a, b): the part may be a bare word or a string. */
function dateArithmetic(call: FunctionCall, out: SqlWriter, helper: string) {
  out.emit(`${helper}(${pgString(datePart(call, out, 0))}, `, call.token.start);
  out.emitNodes(arg(call, out, 1));
  out.emit(', ', call.token.start);
  out.emitNodes(arg(call, out, 2));
  out.emit(')', call.group.close.start);
}

function datePart(call: FunctionCall, out: SqlWriter, index: number): string {
  const [node] = significant(arg(call, out, index));
  if (node?.type === 'token' && (node.token.kind === 'word' || node.token.kind === 'quoted')) {
    return node.token.value.toUpperCase();
  }
  if (node?.type === 'token' && node.token.kind === 'string') return node.token.value.toUpperCase();
  throw SnowflakeSqlError.syntax(out.sql, call.group.open.end, 'date part');
}
