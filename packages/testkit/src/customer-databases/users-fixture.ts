import type { FieldType } from '@connect/core';
import { SeededRandom } from './seeded-random';

/**
 * The contract fixture: about a thousand users with everything that goes wrong in
 * real customer data. Rows are given in their JSON form, exactly as every connector
 * must return them from `preview` (big integers and decimals as strings, date-times
 * as ISO-8601 UTC with milliseconds, dates as YYYY-MM-DD, JSON as objects).
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface FixtureUser {
  id: number;
  external_id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  age: number | null;
  score: number;
  balance: string | null;
  visits: string;
  is_active: boolean | null;
  plan: 'free' | 'pro' | 'enterprise' | null;
  signed_up_at: string;
  trial_ends_at: string | null;
  birthday: string | null;
  renewal_on: string | null;
  profile: { [key: string]: JsonValue } | null;
  tags: string[] | null;
  order: number;
  'Signup Source': string | null;
  'quote"d': string | null;
  'back`tick': string | null;
}

export type FixtureColumn = keyof FixtureUser;

/** Each column's filter type and shape: what `describe` must report for it, on every kind. */
export const fixtureColumns: readonly {
  name: FixtureColumn;
  type: FieldType;
  nullable: boolean;
  integer?: boolean;
}[] = [
  { name: 'id', type: 'number', nullable: false, integer: true },
  { name: 'external_id', type: 'id', nullable: false },
  { name: 'name', type: 'string', nullable: true },
  { name: 'email', type: 'string', nullable: true },
  { name: 'phone', type: 'string', nullable: true },
  { name: 'age', type: 'number', nullable: true, integer: true },
  { name: 'score', type: 'number', nullable: false },
  { name: 'balance', type: 'number', nullable: true },
  { name: 'visits', type: 'number', nullable: false, integer: true },
  { name: 'is_active', type: 'boolean', nullable: true },
  { name: 'plan', type: 'enum', nullable: true },
  { name: 'signed_up_at', type: 'datetime', nullable: false },
  { name: 'trial_ends_at', type: 'datetime', nullable: true },
  { name: 'birthday', type: 'date', nullable: true },
  { name: 'renewal_on', type: 'date', nullable: true },
  { name: 'profile', type: 'json', nullable: true },
  { name: 'tags', type: 'array', nullable: true },
  { name: 'order', type: 'number', nullable: false, integer: true },
  { name: 'Signup Source', type: 'string', nullable: true },
  { name: 'quote"d', type: 'string', nullable: true },
  { name: 'back`tick', type: 'string', nullable: true },
];

export const fixturePlans = ['free', 'pro', 'enterprise'] as const;
export const fixtureTags = ['vip', 'beta', 'churn-risk', 'newsletter', 'mobile'] as const;

// No two names differ only by case or accents, so "=" agrees on case- and
// accent-insensitive collations (MySQL's defaults) and exact ones (PostgreSQL).
const firstNames = [
  'Ana',
  'José',
  'Zoë',
  'Łukasz',
  'Søren',
  'Chloé',
  'Mohammed',
  'Yuki',
  'Olivia',
  'Liam',
  'Noah',
  'Emma',
  'Ava',
  'Lucas',
  'Mia',
  'Ethan',
  'Amelia',
  'Björn',
  'François',
  'Dmitri',
  '李',
  'Aarav',
  'Fatima',
  'Ömer',
  'Siobhán',
  'Grace',
  'Emily',
  'Sunny 😀',
];
const lastNames = [
  'Smith',
  'García',
  'Müller',
  'Nowak',
  'Ødegaard',
  'Johnson',
  'Brown',
  'Tanaka',
  "O'Brien",
  'Dubois',
  'Ivanov',
  '王',
  'Kumar',
  'Hernández',
  'Lefèvre',
  'Andersson',
  'Rossi',
  'Nguyen',
  'Kowalski',
  'Çelik',
  'Wilson',
  'Emerson',
];
const domains = ['example.com', 'example.org', 'mail.test'];
const sources = ['Web', 'iOS app', 'Android app', 'Referral "friend"'];
const quoted = ['say "hi"', "it's", 'plain', 'back\\slash'];
const backticked = ['`tick`', 'alpha', 'beta'];

/** Emails that probe LIKE escaping and quoting: a %, an _, a quote and a backslash, literally. */
const hostileEmails: Record<number, string> = {
  7: "o'brien+7@example.com",
  8: '100%_off@example.com',
  9: 'back\\slash9@example.com',
  10: 'under_score10@example.com',
  11: 'percent%11@example.org',
};

const hour = 3_600_000;
/** Row times sit 17m17s off any whole hour from the anchor, so relative-date boundaries are never near a row. */
const offBoundaryMs = 1_037_000;

function uuid(random: SeededRandom): string {
  const hex = random.hex(32);
  const variant = '89ab'[random.int(0, 3)];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export interface FixtureOptions {
  /** The instant relative dates are generated around; rows are placed whole hours (plus 17m17s) from it. */
  anchor: Date;
  count?: number;
  seed?: number;
}

/** The fixture users, deterministic for a given anchor, count and seed. */
export function generateUsers(options: FixtureOptions): FixtureUser[] {
  const random = new SeededRandom(options.seed ?? 20_240_501);
  const count = options.count ?? 1_000;
  // Whole minutes, so every generated time has zero milliseconds on every database.
  const anchor = Math.floor(options.anchor.getTime() / 60_000) * 60_000;
  const orders = Array.from({ length: count }, (_, index) => index + 1);
  for (let index = orders.length - 1; index > 0; index -= 1) {
    const swap = random.int(0, index);
    [orders[index], orders[swap]] = [orders[swap]!, orders[index]!];
  }
  const users: FixtureUser[] = [];
  for (let index = 0; index < count; index += 1) {
    const id = index + 1;
    const first = random.pick(firstNames);
    const last = random.pick(lastNames);
    const name = random.chance(0.05) ? null : `${first} ${last}`;
    const email =
      hostileEmails[id] ??
      (random.chance(0.05)
        ? null
        : `${ascii(first) || 'user'}.${ascii(last) || 'x'}${id}@${random.pick(domains)}`);
    const recent = random.chance(0.08);
    const hoursAgo = recent ? random.int(0, 24 * 10) : random.int(0, 24 * 365 * 5);
    const trialHours = random.int(-2_000, 2_000);
    const trialOffset =
      trialHours >= 0 ? trialHours * hour + offBoundaryMs : trialHours * hour - offBoundaryMs;
    const birthday = new Date(Date.UTC(1940, 0, 1) + random.int(0, 24_100) * 24 * hour);
    const renewal = new Date(anchor + random.int(-400, 400) * 24 * hour);
    const tagCount = random.int(0, 3);
    users.push({
      id,
      external_id: uuid(random),
      name,
      email,
      phone: random.chance(0.1)
        ? null
        : random.chance(0.2)
          ? `+44 20 7946 ${String(random.int(0, 9999)).padStart(4, '0')}`
          : `+1-555-${String(random.int(0, 9999)).padStart(4, '0')}`,
      age: random.chance(0.08) ? null : random.int(18, 90),
      score: random.int(0, 400) / 4,
      balance: random.chance(0.1) ? null : (random.int(-5_000, 500_000) / 100).toFixed(2),
      visits: id === 1 ? '9007199254740993' : String(random.int(0, 100_000)),
      is_active: random.chance(0.1) ? null : random.chance(0.7),
      plan: random.chance(0.05)
        ? null
        : random.chance(0.6)
          ? 'free'
          : random.chance(0.7)
            ? 'pro'
            : 'enterprise',
      signed_up_at: new Date(anchor - hoursAgo * hour - offBoundaryMs).toISOString(),
      trial_ends_at: random.chance(0.4) ? null : new Date(anchor + trialOffset).toISOString(),
      birthday: random.chance(0.1) ? null : day(birthday),
      renewal_on: random.chance(0.2) ? null : day(renewal),
      profile: random.chance(0.2)
        ? null
        : {
            newsletter: random.chance(0.5),
            locale: random.pick(['en', 'de', 'ja', 'pt-BR']),
            logins: random.int(0, 500),
          },
      tags: random.chance(0.1)
        ? null
        : random.chance(0.15)
          ? []
          : [...new Set(Array.from({ length: tagCount + 1 }, () => random.pick(fixtureTags)))],
      order: orders[index]!,
      'Signup Source': random.chance(0.15) ? null : random.pick(sources),
      'quote"d': random.chance(0.2) ? null : random.pick(quoted),
      'back`tick': random.chance(0.2) ? null : random.pick(backticked),
    });
  }
  return users;
}
