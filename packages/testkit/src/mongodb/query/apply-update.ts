import { ObjectId, type Document } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import type { AnyObject } from 'mingo/types';
import { update as mingoUpdate } from 'mingo/updater';
import { valueAtPath } from '../bson/bson-paths';
import { bsonTypeName } from '../bson/bson-type-names';
import { bsonTypeTag, fromViewDocument, isPlainObject, toView, toViewDocument } from '../bson/bson-view';
import { MongoCommandError } from '../command-error';
import { idKey } from '../store/memory-store';
import { mingoOptions } from './mingo-context';
import { prepareStage } from './prepare-stage';
import { withMingoErrors } from './run-aggregation';
import { stageName } from './validate-pipeline';

const UPDATE_OPERATORS = new Set([
  '$set',
  '$setOnInsert',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$currentDate',
  '$push',
  '$addToSet',
  '$pop',
  '$pull',
  '$pullAll',
  '$bit',
]);

const PIPELINE_UPDATE_STAGES = new Set([
  '$addFields',
  '$set',
  '$project',
  '$unset',
  '$replaceRoot',
  '$replaceWith',
]);

/** An update as MongoDB classifies it: a replacement document, operators, or a pipeline. */
export type UpdateKind = 'replacement' | 'operators' | 'pipeline';

export function classifyUpdate(update: unknown): UpdateKind {
  if (Array.isArray(update)) {
    for (const stage of update) {
      const name = stageName(stage);
      if (!PIPELINE_UPDATE_STAGES.has(name)) {
        throw new MongoCommandError(72, `${name} is not allowed to be used within an update`);
      }
    }
    return 'pipeline';
  }
  if (!isPlainObject(update)) {
    throw new MongoCommandError(14, 'Update argument must be either an object or an array');
  }
  const keys = Object.keys(update);
  if (keys.length === 0 || !keys[0]!.startsWith('$')) {
    return 'replacement';
  }
  for (const key of keys) {
    if (!UPDATE_OPERATORS.has(key)) {
      throw new MongoCommandError(
        9,
        `Unknown modifier: ${key}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
  }
  return 'operators';
}

/**
 * Applies an update to a stored (typed) document and returns the new typed document.
 * `filter` is the compiled query (for the positional `$` operator). Operators run in
 * mingo on a view copy; the result is turned back into typed BSON with the old
 * document and the update's own typed values as hints, so untouched fields keep
 * their exact types and `$set: {n: Long(5)}` stores a Long.
 */
export function applyUpdate(
  current: Document,
  update: Document | Document[],
  arrayFilters: Document[] | undefined,
  filter: Document,
  inserting = false,
): Document {
  const kind = classifyUpdate(update);
  if (kind === 'replacement') {
    const replacement = update as Document;
    if (
      replacement._id !== undefined &&
      current._id !== undefined &&
      idKey(replacement._id) !== idKey(current._id)
    ) {
      throw new MongoCommandError(
        66,
        `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(toView(replacement._id))}`,
      );
    }
    const { _id: _replacementId, ...rest } = replacement;
    return current._id === undefined ? { ...replacement } : { _id: current._id, ...rest };
  }
  if (kind === 'pipeline') {
    const options = mingoOptions();
    const stages = (update as Document[]).map(prepareStage);
    const [result] = withMingoErrors(
      () => new Aggregator(stages, options).run([toViewDocument(current)]) as Document[],
    );
    return checkIdUnchanged(current, fromViewDocument(result ?? {}, current), inserting);
  }

  const modifier = { ...(update as Document) };
  const onInsert = modifier.$setOnInsert as Document | undefined;
  delete modifier.$setOnInsert;
  if (inserting && onInsert) modifier.$set = { ...(modifier.$set as Document | undefined), ...onInsert };
  checkConflicts(modifier);

  const view = toViewDocument(current) as AnyObject;
  checkNumericTargets(view, current, modifier);
  try {
    mingoUpdate(
      view,
      toView(modifier) as AnyObject,
      (arrayFilters ?? []).map((f) => toView(f) as AnyObject),
      filter,
      {
        queryOptions: mingoOptions(),
      },
    );
  } catch (error) {
    // mingo guards _id itself, with MongoDB's message but not its code.
    if (!inserting && /immutable field '_id'/.test((error as Error).message)) throw immutableId();
    withMingoErrors(() => {
      throw error;
    });
  }
  return checkIdUnchanged(current, fromViewDocument(view, overlayHints(current, modifier)), inserting);
}

function immutableId(): MongoCommandError {
  return new MongoCommandError(
    66,
    "Performing an update on the path '_id' would modify the immutable field '_id'",
  );
}

function checkIdUnchanged(before: Document, after: Document, inserting: boolean): Document {
  if (!inserting && idKey(before._id) !== idKey(after._id)) throw immutableId();
  return after;
}

/** Two operators may not touch the same path, or a path and its parent. */
function checkConflicts(modifier: Document): void {
  const seen: string[] = [];
  for (const [operator, fields] of Object.entries(modifier)) {
    if (!isPlainObject(fields)) continue;
    const paths = Object.keys(fields);
    if (operator === '$rename')
      paths.push(...Object.values(fields).filter((v): v is string => typeof v === 'string'));
    for (const path of paths) {
      const clash = seen.find(
        (other) => other === path || other.startsWith(`${path}.`) || path.startsWith(`${other}.`),
      );
      if (clash !== undefined) {
        throw new MongoCommandError(
          40,
          `Updating the path '${path}' would create a conflict at '${clash.length < path.length ? clash : path}'`,
        );
      }
      seen.push(path);
    }
  }
}

/** `$inc`/`$mul` refuse non-numeric arguments and non-numeric targets (mingo skips them silently). */
function checkNumericTargets(view: AnyObject, typed: Document, modifier: Document): void {
  for (const operator of ['$inc', '$mul'] as const) {
    const fields = modifier[operator];
    if (!isPlainObject(fields)) continue;
    const verb = operator === '$inc' ? 'increment' : 'multiply';
    for (const [path, amount] of Object.entries(fields)) {
      if (typeof toView(amount) !== 'number') {
        throw new MongoCommandError(
          14,
          `Cannot ${verb} with non-numeric argument: {${path}: ${JSON.stringify(toView(amount))}}`,
        );
      }
      if (path.includes('$')) continue;
      const target = valueAtPath(view, path);
      if (target !== undefined && target !== null && typeof target !== 'number') {
        throw new MongoCommandError(
          14,
          `Cannot apply ${operator} to a value of non-numeric type. {_id: ${JSON.stringify(toView(typed._id))}} has the field '${path}' of non-numeric type ${bsonTypeName(valueAtPath(typed, path))}`,
        );
      }
    }
  }
}

/**
 * The typed values the new document should prefer: the old document, with the
 * values `$set`-like operators wrote laid over it at their paths.
 */
function overlayHints(base: Document, modifier: Document): Document {
  let overlay: Document = base;
  for (const operator of ['$set', '$max', '$min'] as const) {
    const fields = modifier[operator];
    if (!isPlainObject(fields)) continue;
    for (const [path, value] of Object.entries(fields)) {
      if (!path.includes('$')) overlay = setPathCopy(overlay, path.split('.'), value) as Document;
    }
  }
  return overlay;
}

/** Sets a value at a path, copying (never mutating) the containers along it. */
function setPathCopy(target: unknown, parts: readonly string[], value: unknown): unknown {
  if (parts.length === 0) return value;
  const [head, ...rest] = parts as [string, ...string[]];
  if (Array.isArray(target) && /^\d+$/.test(head)) {
    const copy = target.slice();
    copy[Number(head)] = setPathCopy(copy[Number(head)], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> =
    isPlainObject(target) && bsonTypeTag(target) === undefined ? { ...target } : {};
  copy[head] = setPathCopy(copy[head], rest, value);
  return copy;
}

/**
 * The document an upsert starts from: the query's equality conditions (`{a: 1}`,
 * `{a: {$eq: 1}}`, inside `$and` too), with dotted paths expanded.
 */
export function upsertSeed(filter: Document): Document {
  let seed: Document = {};
  const visit = (clause: Document): void => {
    for (const [key, value] of Object.entries(clause)) {
      if (key === '$and' && Array.isArray(value)) {
        value.forEach((inner) => isPlainObject(inner) && visit(inner));
      } else if (key.startsWith('$') || bsonTypeTag(value) === 'BSONRegExp') {
        continue;
      } else if (isPlainObject(value) && Object.keys(value)[0]?.startsWith('$')) {
        if ('$eq' in value) seed = setPathCopy(seed, key.split('.'), value.$eq) as Document;
      } else {
        seed = setPathCopy(seed, key.split('.'), value) as Document;
      }
    }
  };
  visit(filter);
  return seed;
}

/** Puts `_id` first, generating an ObjectId when the document has none, as mongod does on insert. */
export function withIdFirst(document: Document): Document {
  const { _id, ...rest } = document;
  return { _id: _id === undefined ? new ObjectId() : _id, ...rest };
}
