import { isPlainObject } from '../bson/bson-view';

/** What a projection does with each field: keep it, compute it, or descend into it. */
type ProjectionTree = Map<string, 'include' | 'exclude' | 'computed' | ProjectionTree>;

function parseProjection(spec: Record<string, unknown>): ProjectionTree {
  const tree: ProjectionTree = new Map();
  for (const [path, value] of Object.entries(spec)) {
    const parts = path.split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      let child = node.get(part);
      if (!(child instanceof Map)) {
        child = new Map();
        node.set(part, child);
      }
      node = child;
    }
    const last = parts.at(-1)!;
    if (isPlainObject(value) && !Object.keys(value)[0]?.startsWith('$')) {
      node.set(last, parseProjection(value));
    } else if (value === true || (typeof value === 'number' && value !== 0)) {
      node.set(last, 'include');
    } else if (value === false || value === 0) {
      node.set(last, 'exclude');
    } else {
      node.set(last, 'computed');
    }
  }
  return tree;
}

function isInclusion(tree: ProjectionTree): boolean {
  for (const [field, node] of tree) {
    if (field === '_id') continue;
    if (node === 'include' || node === 'computed' || (node instanceof Map && isInclusion(node))) return true;
  }
  return false;
}

/**
 * Puts a projection's output fields in MongoDB's order: `_id` first, then the fields
 * it kept from the input, in the input document's order, then the fields it
 * computed, in the order the projection names them. mingo emits every field in the
 * projection's order instead.
 */
export function inSourceOrder(
  output: unknown,
  source: unknown,
  projection: Record<string, unknown>,
): unknown {
  const tree = parseProjection(projection);
  return order(output, source, tree, isInclusion(tree));
}

function order(output: unknown, source: unknown, tree: ProjectionTree, inclusion: boolean): unknown {
  if (Array.isArray(output) && Array.isArray(source)) {
    return output.map((item, index) => order(item, source[index], tree, inclusion));
  }
  if (!isPlainObject(output) || !isPlainObject(source)) return output;
  const ordered: Record<string, unknown> = {};
  if (Object.hasOwn(output, '_id')) ordered._id = output._id;
  for (const key of Object.keys(source)) {
    if (key === '_id' || !Object.hasOwn(output, key)) continue;
    const node = tree.get(key);
    if (node instanceof Map) ordered[key] = order(output[key], source[key], node, inclusion);
    else if (node === 'include' || (!inclusion && node !== 'computed')) ordered[key] = output[key];
  }
  for (const key of [...tree.keys(), ...Object.keys(output)]) {
    if (Object.hasOwn(output, key) && !Object.hasOwn(ordered, key)) ordered[key] = output[key];
  }
  return ordered;
}
