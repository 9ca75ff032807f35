import type { Connector, Row } from '../../index';

/** Every row a stream yields, with the batch sizes seen. */
export async function collectStream(rows: AsyncIterable<Row[]>): Promise<{ rows: Row[]; batches: number[] }> {
  const all: Row[] = [];
  const batches: number[] = [];
  for await (const batch of rows) {
    batches.push(batch.length);
    all.push(...batch);
  }
  return { rows: all, batches };
}

/** Ids of every page of a preview, following `hasMore`. */
export async function previewAllIds(
  connector: Connector,
  request: Omit<Parameters<Connector['preview']>[0], 'page' | 'pageSize'>,
  pageSize: number,
): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; page < 100; page += 1) {
    const result = await connector.preview({ ...request, page, pageSize });
    ids.push(...result.rows.map((row) => Number(row.id)));
    if (!result.hasMore) return ids;
  }
  throw new Error('preview never ended');
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('Expected the call to fail, but it succeeded.');
}

export async function eventually(check: () => Promise<boolean>, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}
