import { AppError, type EventCatalogEntry, type FynoChannel } from '@connect/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { eventCatalog } from '../schema/event-catalog';
import { isUniqueViolation } from './pg-errors';

export interface CatalogEvent {
  id: string;
  name: string;
  description: string;
  channels: FynoChannel[];
  placeholders: string[];
  updatedAt: Date;
}

const columns = {
  id: eventCatalog.id,
  name: eventCatalog.name,
  description: eventCatalog.description,
  channels: eventCatalog.channels,
  placeholders: eventCatalog.placeholders,
  updatedAt: eventCatalog.updatedAt,
};

export function eventCatalogRepository(db: Db) {
  async function write<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('conflict', `The event "${name}" is already in the catalog.`, {
          fieldErrors: { name: 'Already in the catalog' },
        });
      }
      throw error;
    }
  }

  return {
    async list(workspaceId: string): Promise<CatalogEvent[]> {
      return db
        .select(columns)
        .from(eventCatalog)
        .where(eq(eventCatalog.workspaceId, workspaceId))
        .orderBy(asc(eventCatalog.name));
    },

    async findByName(workspaceId: string, name: string): Promise<CatalogEvent | undefined> {
      const [row] = await db
        .select(columns)
        .from(eventCatalog)
        .where(and(eq(eventCatalog.workspaceId, workspaceId), eq(eventCatalog.name, name)));
      return row;
    },

    async create(workspaceId: string, entry: EventCatalogEntry): Promise<CatalogEvent> {
      return write(entry.name, async () => {
        const [row] = await db
          .insert(eventCatalog)
          .values({ workspaceId, ...entry })
          .returning(columns);
        return row!;
      });
    },

    async update(workspaceId: string, id: string, entry: EventCatalogEntry): Promise<CatalogEvent> {
      return write(entry.name, async () => {
        const [row] = await db
          .update(eventCatalog)
          .set({ ...entry, updatedAt: sql`now()` })
          .where(and(eq(eventCatalog.workspaceId, workspaceId), eq(eventCatalog.id, id)))
          .returning(columns);
        if (!row) throw new AppError('not_found', 'That event is not in the catalog any more.');
        return row;
      });
    },

    async delete(workspaceId: string, id: string): Promise<void> {
      await db
        .delete(eventCatalog)
        .where(and(eq(eventCatalog.workspaceId, workspaceId), eq(eventCatalog.id, id)));
    },
  };
}
