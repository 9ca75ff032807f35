// Names and addresses shared by e2e/serve.ts (which starts the services) and the specs
// (which drive and inspect them). E2E_PORT and E2E_DATABASE let two runs share a machine.
// Specs cannot import @connect/testkit (Playwright's loader does not resolve all of its
// imports), so this file stands alone; serve.ts checks it agrees with the test kit.

export const e2ePort = Number(process.env.E2E_PORT ?? 3100);
/** The app database of the e2e installation. */
export const e2eDatabase = process.env.E2E_DATABASE ?? 'connect_e2e';
export const e2eQueuePrefix = process.env.E2E_DATABASE ? `${process.env.E2E_DATABASE}-queue` : 'connect-e2e';

/**
 * The fake Fyno accepts exactly the workspace ID and API key the foundation story
 * saves under Settings, so campaigns send once the owner has set Fyno up.
 */
export const fakeFyno = {
  port: e2ePort + 1,
  origin: `http://127.0.0.1:${e2ePort + 1}`,
  workspaceId: 'FY7788AA',
  apiKey: 'secret-fyno-key-e2e',
};

/**
 * The fake OpenAI-compatible model server the Magic Query spec starts in its own
 * process (it scripts the answers), and the key it insists on.
 */
export const fakeOpenAi = {
  port: e2ePort + 2,
  apiKey: 'sk-e2e-magic-query',
  model: 'fake-model',
};

/** A customer database (PostgreSQL) with a users table for cohorts and campaigns. */
export const customerDatabase = `${e2eDatabase}_customers`;
/** As the test kit's `postgresUrlFor(customerDatabase)` gives it (serve.ts checks). */
export const customerDatabaseUrl = (() => {
  const url = new URL(process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${customerDatabase}`;
  return url.toString();
})();

/**
 * 40 users: rows 5 and 6 have no valid email, rows 7 and 8 repeat the addresses of
 * rows 1 and 2 (with an upper-case domain). A campaign to everyone sends 36.
 */
export const customerUsersSql = `
  create table users (id int primary key, email text, phone text, first_name text, city text);
  insert into users
    select i,
      case when i = 5 then 'not-an-email' when i = 6 then null
           when i in (7, 8) then 'user' || (i - 6) || '@EXAMPLE.com'
           else 'user' || i || '@example.com' end,
      '+1415555' || lpad(i::text, 4, '0'),
      'Name' || i,
      case when i % 2 = 0 then 'Pune' else 'Berlin' end
    from generate_series(1, 40) as i;`;
