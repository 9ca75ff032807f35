import type { FilterOperator, RelativeDateUnit } from '@connect/core';
import type { FixtureColumn, FixtureUser } from '@connect/testkit';
import { shiftDay, shiftUtc, utcDay } from './relative-time';

/** One rule as react-querybuilder sends it. */
export interface RuleJson {
  field: string;
  operator: string;
  value?: unknown;
}

export interface GroupJson {
  combinator: 'and' | 'or';
  not?: boolean;
  rules: (RuleJson | GroupJson)[];
}

/**
 * A filter and the rows it must select, judged in plain JavaScript over the fixture.
 * `now` is read just before the query runs; fixture times sit at least 17 minutes
 * from every relative boundary, so the database's own clock agrees.
 */
export interface FilterCase {
  title: string;
  filter: GroupJson;
  matches(user: FixtureUser, now: Date): boolean;
}

export const rule = (field: FixtureColumn, operator: FilterOperator, value?: unknown): RuleJson => ({
  field,
  operator,
  value,
});
export const and = (...rules: (RuleJson | GroupJson)[]): GroupJson => ({ combinator: 'and', rules });
export const or = (...rules: (RuleJson | GroupJson)[]): GroupJson => ({ combinator: 'or', rules });
const not = (group: GroupJson): GroupJson => ({ ...group, not: true });

type Text = string | null;
const lower = (text: Text) => text?.toLowerCase();
const contains = (text: Text, part: string) => text !== null && lower(text)!.includes(part.toLowerCase());
const begins = (text: Text, part: string) => text !== null && lower(text)!.startsWith(part.toLowerCase());
const ends = (text: Text, part: string) => text !== null && lower(text)!.endsWith(part.toLowerCase());
const time = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** The value of `column` for user `id`, to build cases on values that exist. */
function valueOf<C extends FixtureColumn>(
  users: FixtureUser[],
  id: number,
  column: C,
): NonNullable<FixtureUser[C]> {
  const found = users.find((user) => user.id >= id && user[column] !== null);
  if (!found) throw new Error(`No fixture user from ${id} has ${column}`);
  return found[column] as NonNullable<FixtureUser[C]>;
}

/** Positive and negated (empty values count as "not matching") forms of one text case. */
function textPair(
  column: FixtureColumn,
  operator: 'contains' | 'beginsWith' | 'endsWith',
  negative: FilterOperator,
  part: string,
): FilterCase[] {
  const test = operator === 'contains' ? contains : operator === 'beginsWith' ? begins : ends;
  const get = (user: FixtureUser) => user[column] as Text;
  return [
    {
      title: `${column} ${operator} "${part}"`,
      filter: and(rule(column, operator, part)),
      matches: (u) => test(get(u), part),
    },
    {
      title: `${column} ${negative} "${part}"`,
      filter: and(rule(column, negative, part)),
      matches: (u) => !test(get(u), part),
    },
  ];
}

function relativeCases(
  column: 'signed_up_at' | 'trial_ends_at' | 'renewal_on',
  amount: number,
  unit: RelativeDateUnit,
): FilterCase[] {
  const value = { amount, unit };
  if (column === 'renewal_on') {
    const get = (user: FixtureUser) => user.renewal_on;
    const today = (now: Date) => utcDay(now);
    return [
      {
        title: `${column} inLast ${amount} ${unit}`,
        filter: and(rule(column, 'inLast', value)),
        matches: (u, now) =>
          get(u) !== null && get(u)! >= shiftDay(today(now), -amount, unit) && get(u)! <= today(now),
      },
      {
        title: `${column} moreThanAgo ${amount} ${unit}`,
        filter: and(rule(column, 'moreThanAgo', value)),
        matches: (u, now) => get(u) !== null && get(u)! < shiftDay(today(now), -amount, unit),
      },
      {
        title: `${column} inNext ${amount} ${unit}`,
        filter: and(rule(column, 'inNext', value)),
        matches: (u, now) =>
          get(u) !== null && get(u)! >= today(now) && get(u)! <= shiftDay(today(now), amount, unit),
      },
    ];
  }
  const get = (user: FixtureUser) => time(user[column]);
  return [
    {
      title: `${column} inLast ${amount} ${unit}`,
      filter: and(rule(column, 'inLast', value)),
      matches: (u, now) =>
        get(u) !== null && get(u)! >= shiftUtc(now, -amount, unit).getTime() && get(u)! <= now.getTime(),
    },
    {
      title: `${column} moreThanAgo ${amount} ${unit}`,
      filter: and(rule(column, 'moreThanAgo', value)),
      matches: (u, now) => get(u) !== null && get(u)! < shiftUtc(now, -amount, unit).getTime(),
    },
    {
      title: `${column} inNext ${amount} ${unit}`,
      filter: and(rule(column, 'inNext', value)),
      matches: (u, now) =>
        get(u) !== null && get(u)! >= now.getTime() && get(u)! <= shiftUtc(now, amount, unit).getTime(),
    },
  ];
}

/** Every operator of every field type, on the fixture's columns (hostile names included). */
export function filterCases(users: FixtureUser[]): FilterCase[] {
  const name = valueOf(users, 3, 'name');
  const otherName = valueOf(users, 40, 'name');
  const signedUp = valueOf(users, 5, 'signed_up_at');
  const signedUpDay = signedUp.slice(0, 10);
  const birthday = valueOf(users, 12, 'birthday');
  const uuid = valueOf(users, 20, 'external_id');
  const otherUuid = valueOf(users, 21, 'external_id');
  const bigVisits = BigInt(2) ** BigInt(53);

  const cases: FilterCase[] = [
    // string
    {
      title: 'name = an existing name',
      filter: and(rule('name', '=', name)),
      matches: (u) => u.name === name,
    },
    {
      title: 'name != an existing name',
      filter: and(rule('name', '!=', name)),
      matches: (u) => u.name !== name,
    },
    ...textPair('name', 'contains', 'doesNotContain', 'smi'),
    ...textPair('name', 'beginsWith', 'doesNotBeginWith', 'em'),
    ...textPair('name', 'endsWith', 'doesNotEndWith', 'son'),
    {
      title: 'name in two names',
      filter: and(rule('name', 'in', [name, otherName])),
      matches: (u) => u.name === name || u.name === otherName,
    },
    {
      title: 'name notIn two names (as comma-separated text)',
      filter: and(rule('name', 'notIn', `${name},${otherName}`)),
      matches: (u) => u.name !== name && u.name !== otherName,
    },
    { title: 'name null', filter: and(rule('name', 'null')), matches: (u) => u.name === null },
    { title: 'name notNull', filter: and(rule('name', 'notNull')), matches: (u) => u.name !== null },
    ...textPair('email', 'contains', 'doesNotContain', '%'),
    ...textPair('email', 'contains', 'doesNotContain', '_'),
    ...textPair('email', 'contains', 'doesNotContain', "'"),
    ...textPair('email', 'contains', 'doesNotContain', '\\'),
    ...textPair('email', 'beginsWith', 'doesNotBeginWith', '100%_'),
    ...textPair('email', 'contains', 'doesNotContain', '!'),
    {
      title: 'phone beginsWith "+44"',
      filter: and(rule('phone', 'beginsWith', '+44')),
      matches: (u) => begins(u.phone, '+44'),
    },
    {
      title: '"Signup Source" = a value with double quotes',
      filter: and(rule('Signup Source', '=', 'Referral "friend"')),
      matches: (u) => u['Signup Source'] === 'Referral "friend"',
    },
    ...textPair('quote"d', 'contains', 'doesNotContain', '"hi"'),
    ...textPair('back`tick', 'endsWith', 'doesNotEndWith', 'tick`'),

    // number
    { title: 'age = 30', filter: and(rule('age', '=', 30)), matches: (u) => u.age === 30 },
    {
      title: 'age = "30" (text from the UI)',
      filter: and(rule('age', '=', '30')),
      matches: (u) => u.age === 30,
    },
    { title: 'age != 30', filter: and(rule('age', '!=', 30)), matches: (u) => u.age !== 30 },
    { title: 'age < 25', filter: and(rule('age', '<', 25)), matches: (u) => u.age !== null && u.age < 25 },
    { title: 'age <= 25', filter: and(rule('age', '<=', 25)), matches: (u) => u.age !== null && u.age <= 25 },
    { title: 'age > 80', filter: and(rule('age', '>', 80)), matches: (u) => u.age !== null && u.age > 80 },
    { title: 'age >= 80', filter: and(rule('age', '>=', 80)), matches: (u) => u.age !== null && u.age >= 80 },
    {
      title: 'age between 30 and 40',
      filter: and(rule('age', 'between', [30, 40])),
      matches: (u) => u.age !== null && u.age >= 30 && u.age <= 40,
    },
    {
      title: 'age between "40,30" (reversed, as text)',
      filter: and(rule('age', 'between', '40,30')),
      matches: (u) => u.age !== null && u.age >= 30 && u.age <= 40,
    },
    {
      title: 'age notBetween 30 and 40',
      filter: and(rule('age', 'notBetween', [30, 40])),
      matches: (u) => u.age === null || u.age < 30 || u.age > 40,
    },
    {
      title: 'age in 18, 19, 20',
      filter: and(rule('age', 'in', [18, 19, 20])),
      matches: (u) => [18, 19, 20].includes(u.age!),
    },
    {
      title: 'age notIn 18, 19, 20',
      filter: and(rule('age', 'notIn', [18, 19, 20])),
      matches: (u) => ![18, 19, 20].includes(u.age!),
    },
    { title: 'age null', filter: and(rule('age', 'null')), matches: (u) => u.age === null },
    { title: 'age notNull', filter: and(rule('age', 'notNull')), matches: (u) => u.age !== null },
    {
      title: 'score > 50.25 (a fraction)',
      filter: and(rule('score', '>', 50.25)),
      matches: (u) => u.score > 50.25,
    },
    {
      title: 'balance between -10.5 and 100 (decimal column)',
      filter: and(rule('balance', 'between', ['-10.5', '100'])),
      matches: (u) => u.balance !== null && Number(u.balance) >= -10.5 && Number(u.balance) <= 100,
    },
    {
      title: 'visits > 2^53 (bigint beyond JS precision)',
      filter: and(rule('visits', '>', bigVisits.toString())),
      matches: (u) => BigInt(u.visits) > bigVisits,
    },
    {
      title: 'visits = 9007199254740993 exactly',
      filter: and(rule('visits', '=', '9007199254740993')),
      matches: (u) => u.visits === '9007199254740993',
    },
    {
      title: '"order" <= 10 (reserved word)',
      filter: and(rule('order', '<=', 10)),
      matches: (u) => u.order <= 10,
    },

    // boolean
    {
      title: 'is_active = true',
      filter: and(rule('is_active', '=', true)),
      matches: (u) => u.is_active === true,
    },
    {
      title: 'is_active = "false" (text)',
      filter: and(rule('is_active', '=', 'false')),
      matches: (u) => u.is_active === false,
    },
    {
      title: 'is_active != true',
      filter: and(rule('is_active', '!=', true)),
      matches: (u) => u.is_active !== true,
    },
    { title: 'is_active null', filter: and(rule('is_active', 'null')), matches: (u) => u.is_active === null },
    {
      title: 'is_active notNull',
      filter: and(rule('is_active', 'notNull')),
      matches: (u) => u.is_active !== null,
    },

    // date
    {
      title: 'birthday = a day',
      filter: and(rule('birthday', '=', birthday)),
      matches: (u) => u.birthday === birthday,
    },
    {
      title: 'birthday != a day',
      filter: and(rule('birthday', '!=', birthday)),
      matches: (u) => u.birthday !== birthday,
    },
    {
      title: 'birthday < 1950-01-01',
      filter: and(rule('birthday', '<', '1950-01-01')),
      matches: (u) => u.birthday !== null && u.birthday < '1950-01-01',
    },
    {
      title: 'birthday <= a day',
      filter: and(rule('birthday', '<=', birthday)),
      matches: (u) => u.birthday !== null && u.birthday <= birthday,
    },
    {
      title: 'birthday > 2000-06-30',
      filter: and(rule('birthday', '>', '2000-06-30')),
      matches: (u) => u.birthday !== null && u.birthday > '2000-06-30',
    },
    {
      title: 'birthday >= a day',
      filter: and(rule('birthday', '>=', birthday)),
      matches: (u) => u.birthday !== null && u.birthday >= birthday,
    },
    {
      title: 'birthday between 1980-01-01 and 1989-12-31',
      filter: and(rule('birthday', 'between', ['1980-01-01', '1989-12-31'])),
      matches: (u) => u.birthday !== null && u.birthday >= '1980-01-01' && u.birthday <= '1989-12-31',
    },
    {
      title: 'birthday notBetween 1980-01-01 and 1989-12-31',
      filter: and(rule('birthday', 'notBetween', ['1980-01-01', '1989-12-31'])),
      matches: (u) => u.birthday === null || u.birthday < '1980-01-01' || u.birthday > '1989-12-31',
    },
    {
      title: 'birthday on a day',
      filter: and(rule('birthday', 'on', birthday)),
      matches: (u) => u.birthday === birthday,
    },
    {
      title: 'birthday before a day',
      filter: and(rule('birthday', 'before', birthday)),
      matches: (u) => u.birthday !== null && u.birthday < birthday,
    },
    {
      title: 'birthday after a day',
      filter: and(rule('birthday', 'after', birthday)),
      matches: (u) => u.birthday !== null && u.birthday > birthday,
    },
    { title: 'birthday null', filter: and(rule('birthday', 'null')), matches: (u) => u.birthday === null },
    {
      title: 'birthday notNull',
      filter: and(rule('birthday', 'notNull')),
      matches: (u) => u.birthday !== null,
    },
    ...relativeCases('renewal_on', 30, 'days'),
    ...relativeCases('renewal_on', 2, 'weeks'),
    ...relativeCases('renewal_on', 3, 'months'),
    ...relativeCases('renewal_on', 1, 'years'),

    // datetime
    {
      title: 'signed_up_at = an instant',
      filter: and(rule('signed_up_at', '=', signedUp)),
      matches: (u) => u.signed_up_at === signedUp,
    },
    {
      title: 'signed_up_at = the same instant written with an offset',
      filter: and(rule('signed_up_at', '=', new Date(signedUp).toISOString().replace('Z', '+00:00'))),
      matches: (u) => u.signed_up_at === signedUp,
    },
    {
      title: 'signed_up_at != an instant',
      filter: and(rule('signed_up_at', '!=', signedUp)),
      matches: (u) => u.signed_up_at !== signedUp,
    },
    {
      title: 'signed_up_at < an instant',
      filter: and(rule('signed_up_at', '<', signedUp)),
      matches: (u) => time(u.signed_up_at)! < time(signedUp)!,
    },
    {
      title: 'signed_up_at <= an instant',
      filter: and(rule('signed_up_at', '<=', signedUp)),
      matches: (u) => time(u.signed_up_at)! <= time(signedUp)!,
    },
    {
      title: 'signed_up_at > an instant',
      filter: and(rule('signed_up_at', '>', signedUp)),
      matches: (u) => time(u.signed_up_at)! > time(signedUp)!,
    },
    {
      title: 'signed_up_at >= an instant',
      filter: and(rule('signed_up_at', '>=', signedUp)),
      matches: (u) => time(u.signed_up_at)! >= time(signedUp)!,
    },
    {
      title: 'signed_up_at between two days (date-only values)',
      filter: and(rule('signed_up_at', 'between', ['2023-01-01', '2023-12-31'])),
      matches: (u) =>
        u.signed_up_at >= '2023-01-01T00:00:00.000Z' && u.signed_up_at <= '2023-12-31T00:00:00.000Z',
    },
    {
      title: 'signed_up_at notBetween two instants',
      filter: and(rule('signed_up_at', 'notBetween', ['2023-01-01T00:00:00Z', '2023-12-31T23:59:59Z'])),
      matches: (u) =>
        u.signed_up_at < '2023-01-01T00:00:00.000Z' || u.signed_up_at > '2023-12-31T23:59:59.000Z',
    },
    {
      title: 'signed_up_at on a day (UTC)',
      filter: and(rule('signed_up_at', 'on', signedUpDay)),
      matches: (u) => u.signed_up_at.slice(0, 10) === signedUpDay,
    },
    {
      title: 'signed_up_at before a day',
      filter: and(rule('signed_up_at', 'before', signedUpDay)),
      matches: (u) => u.signed_up_at.slice(0, 10) < signedUpDay,
    },
    {
      title: 'signed_up_at after a day',
      filter: and(rule('signed_up_at', 'after', signedUpDay)),
      matches: (u) => u.signed_up_at.slice(0, 10) > signedUpDay,
    },
    ...relativeCases('signed_up_at', 100, 'minutes'),
    ...relativeCases('signed_up_at', 36, 'hours'),
    ...relativeCases('signed_up_at', 7, 'days'),
    ...relativeCases('signed_up_at', 2, 'weeks'),
    ...relativeCases('signed_up_at', 3, 'months'),
    ...relativeCases('signed_up_at', 2, 'years'),
    ...relativeCases('trial_ends_at', 30, 'days'),
    {
      title: 'trial_ends_at null',
      filter: and(rule('trial_ends_at', 'null')),
      matches: (u) => u.trial_ends_at === null,
    },
    {
      title: 'trial_ends_at notNull',
      filter: and(rule('trial_ends_at', 'notNull')),
      matches: (u) => u.trial_ends_at !== null,
    },

    // id
    {
      title: 'external_id = a uuid (upper case)',
      filter: and(rule('external_id', '=', uuid.toUpperCase())),
      matches: (u) => u.external_id === uuid,
    },
    {
      title: 'external_id != a uuid',
      filter: and(rule('external_id', '!=', uuid)),
      matches: (u) => u.external_id !== uuid,
    },
    {
      title: 'external_id in two uuids',
      filter: and(rule('external_id', 'in', [uuid, otherUuid])),
      matches: (u) => [uuid, otherUuid].includes(u.external_id),
    },
    {
      title: 'external_id notIn two uuids',
      filter: and(rule('external_id', 'notIn', [uuid, otherUuid])),
      matches: (u) => ![uuid, otherUuid].includes(u.external_id),
    },
    { title: 'external_id null', filter: and(rule('external_id', 'null')), matches: () => false },
    { title: 'external_id notNull', filter: and(rule('external_id', 'notNull')), matches: () => true },

    // enum
    { title: 'plan = pro', filter: and(rule('plan', '=', 'pro')), matches: (u) => u.plan === 'pro' },
    {
      title: 'plan != pro (empty plans included)',
      filter: and(rule('plan', '!=', 'pro')),
      matches: (u) => u.plan !== 'pro',
    },
    {
      title: 'plan in pro, enterprise',
      filter: and(rule('plan', 'in', ['pro', 'enterprise'])),
      matches: (u) => u.plan === 'pro' || u.plan === 'enterprise',
    },
    {
      title: 'plan notIn pro, enterprise',
      filter: and(rule('plan', 'notIn', ['pro', 'enterprise'])),
      matches: (u) => u.plan !== 'pro' && u.plan !== 'enterprise',
    },
    { title: 'plan null', filter: and(rule('plan', 'null')), matches: (u) => u.plan === null },
    { title: 'plan notNull', filter: and(rule('plan', 'notNull')), matches: (u) => u.plan !== null },

    // json
    { title: 'profile null', filter: and(rule('profile', 'null')), matches: (u) => u.profile === null },
    { title: 'profile notNull', filter: and(rule('profile', 'notNull')), matches: (u) => u.profile !== null },

    // array
    {
      title: 'tags containsElement vip',
      filter: and(rule('tags', 'containsElement', 'vip')),
      matches: (u) => !!u.tags?.includes('vip'),
    },
    {
      title: 'tags doesNotContainElement vip (empty lists included)',
      filter: and(rule('tags', 'doesNotContainElement', 'vip')),
      matches: (u) => !u.tags?.includes('vip'),
    },
    {
      title: 'tags isEmpty (no list counts as empty)',
      filter: and(rule('tags', 'isEmpty')),
      matches: (u) => !u.tags?.length,
    },
    { title: 'tags isNotEmpty', filter: and(rule('tags', 'isNotEmpty')), matches: (u) => !!u.tags?.length },
    { title: 'tags null', filter: and(rule('tags', 'null')), matches: (u) => u.tags === null },
    { title: 'tags notNull', filter: and(rule('tags', 'notNull')), matches: (u) => u.tags !== null },

    // groups
    {
      title: 'AND of two rules',
      filter: and(rule('plan', '=', 'pro'), rule('age', '>=', 40)),
      matches: (u) => u.plan === 'pro' && u.age !== null && u.age >= 40,
    },
    {
      title: 'OR of two rules',
      filter: or(rule('plan', '=', 'enterprise'), rule('age', '<', 20)),
      matches: (u) => u.plan === 'enterprise' || (u.age !== null && u.age < 20),
    },
    {
      title: 'nested groups: (pro AND (active OR vip)) OR (enterprise AND NOT (age > 60))',
      filter: or(
        and(
          rule('plan', '=', 'pro'),
          or(rule('is_active', '=', true), rule('tags', 'containsElement', 'vip')),
        ),
        and(rule('plan', '=', 'enterprise'), not(and(rule('age', '>', 60)))),
      ),
      matches: (u) =>
        (u.plan === 'pro' && (u.is_active === true || !!u.tags?.includes('vip'))) ||
        (u.plan === 'enterprise' && !(u.age !== null && u.age > 60)),
    },
    {
      title: 'NOT group counts empty values as not matching',
      filter: not(or(rule('age', '<', 30), rule('plan', '=', 'free'))),
      matches: (u) => !((u.age !== null && u.age < 30) || u.plan === 'free'),
    },
    {
      title: 'NOT at the root of a NOT group of a negative rule',
      filter: not(and(rule('name', 'doesNotContain', 'smi'))),
      matches: (u) => contains(u.name, 'smi'),
    },
    { title: 'an empty filter selects every row', filter: and(), matches: () => true },
    {
      title: 'an empty nested group is ignored',
      filter: and(rule('plan', '=', 'pro'), { combinator: 'or', not: true, rules: [] }),
      matches: (u) => u.plan === 'pro',
    },
    {
      title: 'disabled rules are ignored',
      filter: and(rule('plan', '=', 'pro'), { ...rule('age', '=', -1), disabled: true } as RuleJson),
      matches: (u) => u.plan === 'pro',
    },
  ];
  return cases;
}

/** Filters that must be refused with a message a user can act on. */
export const refusedFilters: {
  title: string;
  filter: GroupJson;
  message: string | RegExp;
  /**
   * What a kind without enum types (capabilities.enumFields false: Snowflake) does
   * instead, where `plan` is plain text: accept the filter, or refuse it for the
   * other problems only.
   */
  withoutEnumFields?: 'accepted' | { message: string };
}[] = [
  {
    title: 'a word for a number',
    filter: and(rule('age', '=', 'abc')),
    message: "'abc' is not a number for field age.",
  },
  {
    title: 'a fraction for a whole number',
    filter: and(rule('age', '>', '30.5')),
    message: "'30.5' is not a whole number for field age.",
  },
  {
    title: 'a day in the wrong format',
    filter: and(rule('birthday', '=', '05/03/2024')),
    message: "'05/03/2024' is not a date (YYYY-MM-DD) for field birthday.",
  },
  {
    title: 'a word for a date-time',
    filter: and(rule('signed_up_at', '>', 'yesterday')),
    message: /'yesterday' is not a date and time/,
  },
  {
    title: 'a malformed uuid',
    filter: and(rule('external_id', '=', 'abc')),
    message: "'abc' is not a UUID for field external_id.",
  },
  {
    title: 'an enum value that does not exist',
    filter: and(rule('plan', '=', 'gold')),
    message: "'gold' is not one of free, pro, enterprise for field plan.",
    withoutEnumFields: 'accepted',
  },
  {
    title: 'a word for a boolean',
    filter: and(rule('is_active', '=', 'maybe')),
    message: "'maybe' is not true or false for field is_active.",
  },
  {
    title: 'a text operator on a number',
    filter: and(rule('age', 'contains', '3')),
    message: '"contains" cannot be used with field age (a number).',
  },
  {
    title: 'a comparison on JSON',
    filter: and(rule('profile', '=', '{}')),
    message: /"is" cannot be used with field profile/,
  },
  {
    title: 'hours on a date without time',
    filter: and(rule('birthday', 'inLast', { amount: 5, unit: 'hours' })),
    message: 'Use days, weeks, months or years with field birthday: it holds dates without a time.',
  },
  {
    title: 'several problems at once',
    filter: and(rule('age', '=', 'abc'), rule('plan', '=', 'gold')),
    message: "'abc' is not a number for field age (and 1 more).",
    withoutEnumFields: { message: "'abc' is not a number for field age." },
  },
];
