import type { FixtureUser } from '@connect/testkit';
import { shiftDay, shiftUtc, utcDay } from './calendar';

/**
 * The evaluation prompts: plain English over the contract fixture's users table, each
 * with the rows it must select (computed in JavaScript from the fixture, as the
 * contract suite does) and a reference answer in our filter model, which the
 * plumbing check (`--fake`) has the fake server give back. Prompts are meant to be
 * unambiguous: a person reading them would select exactly these rows.
 */
export interface EvalCase {
  id: string;
  prompt: string;
  /** Whether a user belongs, judged at `now` (the database's clock when the query ran). */
  matches: (user: FixtureUser, now: Date) => boolean;
  reference: { combinator: 'and' | 'or'; not?: boolean; rules: unknown[] };
}

type Rule = { field: string; operator: string; value: unknown };
const rule = (field: string, operator: string, value: unknown = null): Rule => ({ field, operator, value });
const and = (...rules: unknown[]) => ({ combinator: 'and' as const, rules });
const or = (...rules: unknown[]) => ({ combinator: 'or' as const, rules });
const time = (text: string | null) => (text === null ? null : Date.parse(text));

/** The cases for a fixture (one prompt names a user's external id, so it depends on the rows). */
export function evalCases(users: readonly FixtureUser[]): EvalCase[] {
  const target = users[41]!;
  return [
    {
      id: 'plan-pro',
      prompt: 'Users on the pro plan',
      matches: (u) => u.plan === 'pro',
      reference: and(rule('plan', '=', 'pro')),
    },
    {
      id: 'plan-paid',
      prompt: 'Users on the pro or the enterprise plan',
      matches: (u) => u.plan === 'pro' || u.plan === 'enterprise',
      reference: and(rule('plan', 'in', ['pro', 'enterprise'])),
    },
    {
      id: 'plan-missing',
      prompt: 'Users with no plan set',
      matches: (u) => u.plan === null,
      reference: and(rule('plan', 'null')),
    },
    {
      id: 'age-over-40',
      prompt: 'Users older than 40',
      matches: (u) => u.age !== null && u.age > 40,
      reference: and(rule('age', '>', 40)),
    },
    {
      id: 'age-range',
      prompt: 'Users aged 25 to 35, both ages included',
      matches: (u) => u.age !== null && u.age >= 25 && u.age <= 35,
      reference: and(rule('age', 'between', [25, 35])),
    },
    {
      id: 'age-unknown',
      prompt: 'Users whose age we do not know',
      matches: (u) => u.age === null,
      reference: and(rule('age', 'null')),
    },
    {
      id: 'active',
      prompt: 'Active users',
      matches: (u) => u.is_active === true,
      reference: and(rule('is_active', '=', true)),
    },
    {
      id: 'inactive',
      prompt: 'Users explicitly marked as inactive',
      matches: (u) => u.is_active === false,
      reference: and(rule('is_active', '=', false)),
    },
    {
      id: 'score-high',
      prompt: 'Users with a score of at least 90',
      matches: (u) => u.score >= 90,
      reference: and(rule('score', '>=', 90)),
    },
    {
      id: 'score-low',
      prompt: 'Users whose score is below 10',
      matches: (u) => u.score < 10,
      reference: and(rule('score', '<', 10)),
    },
    {
      id: 'balance-negative',
      prompt: 'Users with a negative balance',
      matches: (u) => u.balance !== null && Number(u.balance) < 0,
      reference: and(rule('balance', '<', 0)),
    },
    {
      id: 'visits-many',
      prompt: 'Users with more than 99,000 visits',
      matches: (u) => BigInt(u.visits) > 99_000n,
      reference: and(rule('visits', '>', 99_000)),
    },
    {
      id: 'email-org',
      prompt: 'Users whose email address ends in example.org',
      matches: (u) => u.email?.endsWith('example.org') ?? false,
      reference: and(rule('email', 'endsWith', 'example.org')),
    },
    {
      id: 'email-missing',
      prompt: 'Users without an email address',
      matches: (u) => u.email === null,
      reference: and(rule('email', 'null')),
    },
    {
      id: 'phone-uk',
      prompt: 'Users whose phone number starts with +44',
      matches: (u) => u.phone?.startsWith('+44') ?? false,
      reference: and(rule('phone', 'beginsWith', '+44')),
    },
    {
      id: 'name-smith',
      prompt: 'Users whose name contains Smith',
      matches: (u) => u.name?.toLowerCase().includes('smith') ?? false,
      reference: and(rule('name', 'contains', 'Smith')),
    },
    {
      id: 'signed-up-7-days',
      prompt: 'Users who signed up in the last 7 days',
      matches: (u, now) =>
        time(u.signed_up_at)! >= shiftUtc(now, -7, 'days').getTime() &&
        time(u.signed_up_at)! <= now.getTime(),
      reference: and(rule('signed_up_at', 'inLast', { amount: 7, unit: 'days' })),
    },
    {
      id: 'signed-up-3-years-ago',
      prompt: 'Users who signed up more than 3 years ago',
      matches: (u, now) => time(u.signed_up_at)! < shiftUtc(now, -3, 'years').getTime(),
      reference: and(rule('signed_up_at', 'moreThanAgo', { amount: 3, unit: 'years' })),
    },
    {
      id: 'trial-ends-30-days',
      prompt: 'Users whose trial ends within the next 30 days',
      matches: (u, now) => {
        const ends = time(u.trial_ends_at);
        return ends !== null && ends >= now.getTime() && ends <= shiftUtc(now, 30, 'days').getTime();
      },
      reference: and(rule('trial_ends_at', 'inNext', { amount: 30, unit: 'days' })),
    },
    {
      id: 'no-trial',
      prompt: 'Users with no trial end date',
      matches: (u) => u.trial_ends_at === null,
      reference: and(rule('trial_ends_at', 'null')),
    },
    {
      id: 'born-before-1970',
      prompt: 'Users born before 1970',
      matches: (u) => u.birthday !== null && u.birthday < '1970-01-01',
      reference: and(rule('birthday', 'before', '1970-01-01')),
    },
    {
      id: 'born-1985',
      prompt: 'Users born in 1985',
      matches: (u) => u.birthday !== null && u.birthday >= '1985-01-01' && u.birthday <= '1985-12-31',
      reference: and(rule('birthday', 'between', ['1985-01-01', '1985-12-31'])),
    },
    {
      id: 'renewal-90-days',
      prompt: 'Users whose renewal date falls within the next 90 days, starting today',
      matches: (u, now) =>
        u.renewal_on !== null &&
        u.renewal_on >= utcDay(now) &&
        u.renewal_on <= shiftDay(utcDay(now), 90, 'days'),
      reference: and(rule('renewal_on', 'inNext', { amount: 90, unit: 'days' })),
    },
    {
      id: 'tag-vip',
      prompt: 'Users tagged vip',
      matches: (u) => u.tags?.includes('vip') ?? false,
      reference: and(rule('tags', 'containsElement', 'vip')),
    },
    {
      id: 'no-tags',
      prompt: 'Users with no tags at all',
      matches: (u) => !u.tags?.length,
      reference: and(rule('tags', 'isEmpty')),
    },
    {
      id: 'signup-ios',
      prompt: 'Users who signed up through the iOS app',
      matches: (u) => u['Signup Source'] === 'iOS app',
      reference: and(rule('Signup Source', '=', 'iOS app')),
    },
    {
      id: 'active-pro-over-40',
      prompt: 'Active pro users older than 40',
      matches: (u) => u.is_active === true && u.plan === 'pro' && u.age !== null && u.age > 40,
      reference: and(rule('is_active', '=', true), rule('plan', '=', 'pro'), rule('age', '>', 40)),
    },
    {
      id: 'enterprise-or-top-score',
      prompt: 'Users who are on the enterprise plan or have a score above 95',
      matches: (u) => u.plan === 'enterprise' || u.score > 95,
      reference: or(rule('plan', '=', 'enterprise'), rule('score', '>', 95)),
    },
    {
      id: 'pro-not-churn-risk',
      prompt: 'Pro users who are not tagged churn-risk (users without tags count as not tagged)',
      matches: (u) => u.plan === 'pro' && !u.tags?.includes('churn-risk'),
      reference: and(rule('plan', '=', 'pro'), rule('tags', 'doesNotContainElement', 'churn-risk')),
    },
    {
      id: 'young-or-old-free',
      prompt: 'Free-plan users who are younger than 25 or older than 70',
      matches: (u) => u.plan === 'free' && u.age !== null && (u.age < 25 || u.age > 70),
      reference: and(rule('plan', '=', 'free'), or(rule('age', '<', 25), rule('age', '>', 70))),
    },
    {
      id: 'external-id',
      prompt: `The user whose external id is ${target.external_id}`,
      matches: (u) => u.external_id === target.external_id,
      reference: and(rule('external_id', '=', target.external_id)),
    },
  ];
}
