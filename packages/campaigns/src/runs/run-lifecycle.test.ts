import { finishedRunStatuses, liveRunStatuses, type RunStatus, runStatuses } from '@connect/core';
import { describe, expect, it } from 'vitest';
import { canMove, type RunMove, runMoves } from './run-lifecycle';

/**
 * The whole table, written out: for each status, the moves a run in it may make and
 * where each leads. A change to the lifecycle must change this on purpose.
 */
const expected: Record<RunStatus, Partial<Record<RunMove, RunStatus>>> = {
  queued: { startSnapshot: 'snapshotting', pause: 'paused', fail: 'failed', cancel: 'cancelled' },
  snapshotting: {
    startSnapshot: 'snapshotting',
    recordSnapshot: 'sending',
    pause: 'paused',
    fail: 'failed',
    cancel: 'cancelled',
  },
  sending: { complete: 'completed', pause: 'paused', fail: 'failed', cancel: 'cancelled' },
  paused: { resumeSnapshot: 'snapshotting', resumeSending: 'sending', fail: 'failed', cancel: 'cancelled' },
  completed: {},
  failed: { retrySnapshot: 'queued', retrySending: 'sending' },
  cancelled: {},
};

const moves = Object.keys(runMoves) as RunMove[];

describe('the run lifecycle', () => {
  it.each(runStatuses)('from %s, allows exactly the expected moves, each to its status', (status) => {
    const allowed = Object.fromEntries(
      moves.filter((move) => canMove(status, move)).map((move) => [move, runMoves[move].to]),
    );
    expect(allowed).toEqual(expected[status]);
  });

  it('never leaves completed or cancelled, and leaves failed only by a retry', () => {
    for (const status of finishedRunStatuses)
      for (const move of moves.filter((candidate) => canMove(status, candidate)))
        expect(move.startsWith('retry'), `${status} -> ${move}`).toBe(true);
  });

  it('can pause, fail and cancel a run from every live status it moves by itself', () => {
    for (const status of liveRunStatuses) {
      expect(canMove(status, 'cancel'), status).toBe(true);
      expect(canMove(status, 'fail'), status).toBe(true);
      if (status !== 'paused') expect(canMove(status, 'pause'), status).toBe(true);
    }
  });

  it('reaches every status from queued', () => {
    const reached = new Set<RunStatus>(['queued']);
    for (let grew = true; grew;) {
      grew = false;
      for (const move of moves)
        for (const from of runMoves[move].from)
          if (reached.has(from) && !reached.has(runMoves[move].to)) {
            reached.add(runMoves[move].to);
            grew = true;
          }
    }
    expect([...reached].sort()).toEqual([...runStatuses].sort());
  });
});
