import { Decimal128, Double, Int32, Long, ObjectId } from 'mongodb';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors/connector-error';
import { parsePipeline } from './raw-pipeline';

function refusal(text: string): ConnectorError {
  try {
    parsePipeline(text);
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parsePipeline', () => {
  it('reads relaxed and canonical Extended JSON into BSON values', () => {
    const [stage] = parsePipeline(`[{"$match": {
      "_id": {"$oid": "65a00000c0ffee0000000001"},
      "at": {"$gte": {"$date": "2024-05-01T00:00:00Z"}, "$lt": {"$date": {"$numberLong": "1717200000000"}}},
      "visits": {"$numberLong": "9007199254740993"},
      "balance": {"$numberDecimal": "10.50"},
      "age": 40,
      "score": 2.5,
      "big": 3000000000
    }}]`);
    const match = stage!.$match as Record<string, unknown>;
    expect(match._id).toEqual(new ObjectId('65a00000c0ffee0000000001'));
    expect(match.at).toEqual({ $gte: new Date('2024-05-01T00:00:00Z'), $lt: new Date(1717200000000) });
    expect(String(match.visits)).toBe('9007199254740993');
    expect(match.visits).toBeInstanceOf(Long);
    expect(match.balance).toEqual(Decimal128.fromString('10.50'));
    expect(match.age).toEqual(new Int32(40));
    expect(match.score).toEqual(new Double(2.5));
    expect(match.big).toBeInstanceOf(Long);
  });

  it.each([
    ['[{"$out": "copy"}]', '$out in stage 1'],
    ['[{"$match": {}}, {"$merge": {"into": "users"}}]', '$merge in stage 2'],
    ['[{"$facet": {"a": [{"$match": {}}], "b": [{"$out": "x"}]}}]', '$out in stage 1 (inside $facet)'],
    [
      '[{"$lookup": {"from": "u", "pipeline": [{"$match": {}}, {"$merge": "x"}], "as": "j"}}]',
      '$merge in stage 1 (inside $lookup)',
    ],
    [
      '[{"$unionWith": {"coll": "u", "pipeline": [{"$facet": {"a": [{"$out": "x"}]}}]}}]',
      '$out in stage 1 (inside $unionWith > $facet)',
    ],
  ])('refuses a write stage anywhere: %s', (text, where) => {
    const error = refusal(text);
    expect(error.reason).toBe('query_rejected');
    expect(error.message).toContain('Connect only reads from your database');
    expect(error.message).toContain(where);
  });

  it.each([
    ['[{"$match": {"$where": "this.a > 1"}}]', '$where in stage 1 (inside $match)'],
    [
      '[{"$addFields": {"x": {"$function": {"body": "function() {}", "args": [], "lang": "js"}}}}]',
      '$function in stage 1 (inside $addFields)',
    ],
    [
      '[{"$group": {"_id": null, "x": {"$accumulator": {"init": "function() {}"}}}}]',
      '$accumulator in stage 1 (inside $group)',
    ],
  ])('refuses server-side JavaScript: %s', (text, where) => {
    const error = refusal(text);
    expect(error.reason).toBe('query_rejected');
    expect(error.message).toBe(
      `Server-side JavaScript (${where}) is not allowed in a cohort query. Use query operators and aggregation expressions instead.`,
    );
  });

  it('says where the JSON is broken, as line, column and position', () => {
    expect(refusal('[{"$match": {"a": 1,}}]').message).toBe(
      'The pipeline is not valid JSON: expected a field name in double quotes at line 1, column 21 (position 20).',
    );
    expect(refusal('[\n  {"$match": {}}\n  {"$limit": 1}\n]').message).toBe(
      'The pipeline is not valid JSON: expected "," between items at line 3, column 3 (position 21).',
    );
    expect(refusal('[{"$match": {}}] [{"$out": "x"}]').message).toMatch(
      /^The pipeline is not valid JSON: .* at line 1, column 18 \(position 17\)\.$/,
    );
    expect(refusal('[{"$match": {"a": 1}} // why').message).toMatch(/comments are not allowed in JSON/);
    expect(refusal("[{'$match': {}}]").reason).toBe('query_failed');
  });

  it('explains a pipeline that is not one', () => {
    expect(refusal('{"$match": {}}').message).toMatch(/^A pipeline is a JSON array of stages/);
    expect(refusal('[{"$match": {}, "$limit": 1}]').message).toMatch(
      /^Stage 1 must be an object with exactly one/,
    );
    expect(refusal('[{"match": {}}]').message).toMatch(/^Stage 1 must be/);
    expect(refusal('[{"$match": {"_id": {"$oid": "xyz"}}}]').message).toMatch(
      /^The pipeline has an Extended JSON value that is not valid/,
    );
    expect(refusal('[{"$match": {"at": {"$date": "yesterday"}}}]').message).toMatch(
      /is not a valid date; write it as "2024-05-01T00:00:00Z"/,
    );
    expect(refusal('[{"$match": {"__proto__": {"$out": "x"}}}]').message).toMatch(/__proto__/);
  });

  it('leaves the stages a cohort needs alone', () => {
    const text =
      '[{"$match": {"plan": {"$in": ["pro"]}}}, {"$lookup": {"from": "orders", "localField": "_id", "foreignField": "user", "as": "orders"}}, {"$project": {"email": 1, "n": {"$size": "$orders"}}}]';
    expect(parsePipeline(text)).toHaveLength(3);
  });
});
