import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { BSON, type Document } from 'mongodb';
import { ConnectorError } from '../errors/connector-error';
import { isPlainDocument } from './bson-kinds';

/** Stages that write their input somewhere: refused wherever they appear. */
const writeStages: Record<string, string> = {
  $out: 'writes its input into a collection',
  $merge: 'writes its input into a collection',
};

/** Operators that run JavaScript on the server: refused wherever they appear. */
const javascriptOperators = new Set(['$where', '$function', '$accumulator']);

/** The parser's names for what went wrong, as a user reads them. */
const parseProblems: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a field name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected ":" after the field name',
  CommaExpected: 'expected "," between items',
  CloseBraceExpected: 'expected "}"',
  CloseBracketExpected: 'expected "]"',
  EndOfFileExpected: 'unexpected text after the pipeline',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'invalid escape after "\\"',
  InvalidCharacter: 'a control character inside a string',
};

const example = 'e.g. [{"$match": {"plan": "pro"}}, {"$project": {"email": 1}}]';

function failed(message: string): ConnectorError {
  return new ConnectorError('query_failed', message);
}

/** 1-based line and column of an offset, as editors count them. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The first syntax error of the text as JSON (strict: no comments, no trailing commas), with where it is. */
function syntaxError(text: string): ConnectorError | undefined {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return undefined;
  const code = printParseErrorCode(first.error);
  const { line, column } = lineAndColumn(text, first.offset);
  return failed(
    `The pipeline is not valid JSON: ${parseProblems[code] ?? code} at line ${line}, column ${column} (position ${first.offset}).`,
  );
}

/** Where a nested operator sits, for messages: "stage 2", "stage 2 (inside $facet)". */
function place(stage: number, outer: string[]): string {
  return outer.length === 0 ? `stage ${stage}` : `stage ${stage} (inside ${outer.join(' > ')})`;
}

/**
 * Walks every value of one stage. Write stages and JavaScript are refused at any
 * depth, which covers `$facet`, `$lookup` and `$unionWith` sub-pipelines and any
 * stage MongoDB may add later; `{"$date": "nonsense"}` is caught here too, since
 * Extended JSON turns it into an invalid date without complaint.
 */
function checkValue(value: unknown, stage: number, outer: string[]): void {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw failed(
        `A {"$date": ...} value in ${place(stage, outer)} is not a valid date; write it as "2024-05-01T00:00:00Z".`,
      );
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) checkValue(item, stage, outer);
    return;
  }
  if (!isPlainDocument(value)) return;
  for (const key of Object.keys(value)) {
    const write = writeStages[key];
    if (write)
      throw new ConnectorError(
        'query_rejected',
        `Connect only reads from your database, and this pipeline tries to change something: ${key} in ${place(stage, outer)} ${write}. Remove it; the cohort is what the pipeline returns.`,
      );
    if (javascriptOperators.has(key))
      throw new ConnectorError(
        'query_rejected',
        `Server-side JavaScript (${key} in ${place(stage, outer)}) is not allowed in a cohort query. Use query operators and aggregation expressions instead.`,
      );
    checkValue(value[key], stage, key.startsWith('$') ? [...outer, key] : outer);
  }
}

/** JSON.parse keeps "__proto__" as a plain key; later object handling might not, so it is refused up front. */
function refuseProtoKeys(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(refuseProtoKeys);
  if (typeof value !== 'object' || value === null) return;
  for (const key of Object.keys(value)) {
    if (key === '__proto__')
      throw failed('The pipeline uses the field name "__proto__", which is not supported.');
    refuseProtoKeys((value as Record<string, unknown>)[key]);
  }
}

/**
 * Parses a raw query: a JSON array of aggregation stages, in relaxed or canonical
 * Extended JSON (`{"$oid": ...}`, `{"$date": ...}`, `{"$numberLong": ...}`, ...).
 * Syntax errors say where they are; stages that write (`$out`, `$merge`) and
 * server-side JavaScript (`$where`, `$function`, `$accumulator`) are refused
 * anywhere in the pipeline, sub-pipelines included, before anything reaches the
 * database. Numbers keep their JSON type (whole numbers Int32 or Long, others
 * Double), as the shell would send them.
 */
export function parsePipeline(text: string): Document[] {
  const problem = syntaxError(text);
  if (problem) throw problem;
  let stages: unknown;
  try {
    const json: unknown = JSON.parse(text);
    refuseProtoKeys(json);
    stages = BSON.EJSON.deserialize(json as Document, { relaxed: false });
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw failed(`The pipeline has an Extended JSON value that is not valid: ${reason}.`);
  }
  if (!Array.isArray(stages)) throw failed(`A pipeline is a JSON array of stages, ${example}.`);
  stages.forEach((stage: unknown, index) => {
    const keys = isPlainDocument(stage) ? Object.keys(stage) : [];
    if (keys.length !== 1 || !keys[0]!.startsWith('$'))
      throw failed(
        `Stage ${index + 1} must be an object with exactly one stage name, such as {"$match": {...}}, ${example}.`,
      );
    checkValue(stage, index + 1, []);
  });
  return stages as Document[];
}
