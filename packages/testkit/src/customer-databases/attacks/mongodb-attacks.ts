import type { RawQueryAttack } from '../connector-harness';

/**
 * Aggregation pipelines that try to write, or to run code on the server, built from
 * the rules of the pipeline language: stages that write ($out, $merge, in their long
 * and short forms), sub-pipelines that carry them ($facet, $lookup, $unionWith),
 * JavaScript operators ($where, $function, $accumulator), and JSON's own rules (a
 * \u escape spells the same key, a stage object may hold several keys).
 */
export const mongodbAttacks: RawQueryAttack[] = [
  { rule: '$out', query: '[{"$out": "connect_attack"}]' },
  { rule: '$out into another database', query: '[{"$out": {"db": "admin", "coll": "connect_attack"}}]' },
  { rule: '$merge, short form', query: '[{"$merge": "connect_attack"}]' },
  { rule: '$merge over the source', query: '[{"$merge": {"into": "users", "whenMatched": "replace"}}]' },
  { rule: 'a \\u escape spelling $out', query: '[{"\\u0024out": "connect_attack"}]' },
  { rule: 'a \\u escape spelling $merge', query: '[{"$m\\u0065rge": "connect_attack"}]' },
  { rule: 'a second key in a stage object', query: '[{"$match": {}, "$out": "connect_attack"}]' },
  { rule: '$out inside $facet', query: '[{"$facet": {"a": [{"$out": "connect_attack"}]}}]' },
  {
    rule: '$merge inside a $lookup pipeline',
    query:
      '[{"$lookup": {"from": "users", "pipeline": [{"$merge": {"into": "connect_attack"}}], "as": "x"}}]',
  },
  {
    rule: '$out inside a $unionWith pipeline',
    query: '[{"$unionWith": {"coll": "users", "pipeline": [{"$out": "connect_attack"}]}}]',
  },
  { rule: '$where', query: '[{"$match": {"$where": "db.users.drop()"}}]' },
  {
    rule: '$function',
    query:
      '[{"$addFields": {"x": {"$function": {"body": "function() { return 1; }", "args": [], "lang": "js"}}}}]',
  },
  {
    rule: '$accumulator',
    query:
      '[{"$group": {"_id": null, "x": {"$accumulator": {"init": "function() { return 0; }", "accumulate": "function(s) { return s; }", "accumulateArgs": [], "merge": "function(a) { return a; }", "lang": "js"}}}}]',
  },
  { rule: 'a second pipeline after the first', query: '[{"$match": {}}] [{"$out": "connect_attack"}]' },
  { rule: 'a comment hiding a stage', query: '[{"$match": {}} /* , {"$out": "connect_attack"} */]' },
  { rule: 'Extended JSON wrapping a stage name', query: '[{"$out": {"$symbol": "connect_attack"}}]' },
];

/** A pipeline session keeps nothing a previous pipeline could change; the database name stands for it. */
export const mongodbSessionState =
  '[{"$limit": 1}, {"$project": {"_id": 0, "kept": {"$literal": "nothing"}}}]';
