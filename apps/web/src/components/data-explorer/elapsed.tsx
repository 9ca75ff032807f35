'use client';

import { useEffect, useState } from 'react';

/** Seconds since `startedAt`, ticking: progress for a query that takes a while. */
export function Elapsed({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, []);
  return <>{((now - startedAt) / 1000).toFixed(1)} s</>;
}
