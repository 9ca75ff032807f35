import { AppError } from '@connect/core';
import type { Store } from '@connect/store';

/** Why something cannot be deleted: what uses it, said once for the API's refusal and the UI's dialog. */
export interface InUse {
  /** The dialog's heading, e.g. "2 cohorts use this database". */
  title: string;
  /** The whole sentence, e.g. the API's refusal. */
  message: string;
  /** What uses it, each with the page it is on. */
  users: { id: string; name: string; href: string }[];
}

const quoted = (users: InUse['users']) => users.map((user) => `"${user.name}"`).join(', ');

/** The cohorts reading from a connection, or null when none does. */
export async function connectionInUse(
  store: Store,
  workspaceId: string,
  connection: { id: string; name: string },
): Promise<InUse | null> {
  const cohorts = await store.cohorts.listByConnection(workspaceId, connection.id);
  if (cohorts.length === 0) return null;
  const one = cohorts.length === 1;
  const users = cohorts.map((cohort) => ({
    id: cohort.id,
    name: cohort.name,
    href: `/cohorts/${cohort.id}`,
  }));
  return {
    title: one ? 'A cohort uses this database' : `${cohorts.length} cohorts use this database`,
    message: `${connection.name} is used by ${one ? 'the cohort' : `${cohorts.length} cohorts:`} ${quoted(users)}. Delete ${one ? 'it' : 'them'} first, then delete the database.`,
    users,
  };
}

/** The campaigns sending to a cohort, or null when none does. */
export async function cohortInUse(
  store: Store,
  workspaceId: string,
  cohort: { id: string; name: string },
): Promise<InUse | null> {
  const campaigns = await store.campaigns.listByCohort(workspaceId, cohort.id);
  if (campaigns.length === 0) return null;
  const one = campaigns.length === 1;
  const users = campaigns.map((campaign) => ({
    id: campaign.id,
    name: campaign.name,
    href: `/campaigns/${campaign.id}`,
  }));
  return {
    title: one ? 'A campaign sends to this cohort' : `${campaigns.length} campaigns send to this cohort`,
    message: `${cohort.name} is used by ${one ? 'the campaign' : `${campaigns.length} campaigns:`} ${quoted(users)}. Delete ${one ? 'that campaign' : 'those campaigns'} or choose another cohort for ${one ? 'it' : 'them'} first.`,
    users,
  };
}

/** Refuses with the reason when something uses it. */
export function refuseIfInUse(inUse: InUse | null): void {
  if (inUse) throw new AppError('conflict', inUse.message);
}
