import { isAppError } from '@connect/core';
import type { CampaignRow, Store } from '@connect/store';
import { z } from 'zod';

/** A campaign of the workspace by the id in the URL, or null when there is none (the page then 404s). */
export async function findCampaign(
  store: Store,
  workspaceId: string,
  id: string,
): Promise<CampaignRow | null> {
  if (!z.uuid().safeParse(id).success) return null;
  try {
    return await store.campaigns.get(workspaceId, id);
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return null;
    throw error;
  }
}
