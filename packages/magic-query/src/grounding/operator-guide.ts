import {
  calendarDateUnits,
  fieldTypes,
  type OperatorValueShape,
  operatorInfo,
  operatorsByFieldType,
  relativeDateUnits,
} from '@connect/core';

const valueShapes: Record<OperatorValueShape, string> = {
  none: 'null',
  single: 'one value of the field’s type',
  element: 'one element value',
  list: 'an array of values, e.g. ["pro", "enterprise"]',
  range: 'an array of exactly two values [low, high], both included',
  relative: `{"amount": 7, "unit": "days"}; unit is one of ${relativeDateUnits.join(', ')} (on date fields only ${calendarDateUnits.join(', ')}); evaluated against the database clock whenever the cohort runs`,
  day: 'a calendar day "YYYY-MM-DD" (whole UTC days)',
};

/**
 * The filter operators we support, per field type, with the value each takes:
 * written from the same tables the filter builder and the compilers use, so the
 * model is never told about an operator we do not have.
 */
export function operatorGuide(): string {
  const byType = fieldTypes.map((type) => `- ${type}: ${operatorsByFieldType[type].join(', ')}`);
  const operators = Object.values(operatorInfo).map(
    (info) => `- "${info.name}" (${info.label}): value is ${valueShapes[info.value]}`,
  );
  return [
    'Operators allowed for each field type:',
    ...byType,
    '',
    'What each operator means and the value it takes:',
    ...operators,
    '',
    'Negative operators ("!=", "notIn", "doesNotContain", ...) also match rows where the field is empty. ' +
      'Text comparisons follow the database’s collation. ' +
      'Prefer the relative operators (inLast, moreThanAgo, inNext) for requests relative to now ("last 30 days", "over a year ago"), ' +
      'so the cohort stays correct every time it runs.',
  ].join('\n');
}
