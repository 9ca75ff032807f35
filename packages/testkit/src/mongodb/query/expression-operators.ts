import { evalExpr } from 'mingo/core';
import type { Options } from 'mingo/types';
import { valueAtPath } from '../bson/bson-paths';
import { bsonTypeName } from '../bson/bson-type-names';
import { fromView, numericValue } from '../bson/bson-view';

/**
 * The `$type` aggregation expression, answering with the BSON type. For a field path
 * it reads the type the stored document really has (`long`, `decimal`, an integral
 * `double`), which the view form (plain JS numbers) cannot tell apart.
 */
export function $type(document: unknown, expression: unknown, options: Options): string {
  const argument = Array.isArray(expression) && expression.length === 1 ? expression[0] : expression;
  const value = evalExpr(document, argument, options);
  if (value === undefined) return 'missing';
  if (
    typeof value === 'number' &&
    typeof argument === 'string' &&
    argument.startsWith('$') &&
    !argument.startsWith('$$')
  ) {
    const typed = valueAtPath(fromView(document), argument.slice(1));
    const typedNumber = numericValue(typed);
    if (
      typedNumber !== undefined &&
      (typedNumber === value || (Number.isNaN(typedNumber) && Number.isNaN(value)))
    ) {
      return bsonTypeName(typed);
    }
  }
  return bsonTypeName(value);
}
