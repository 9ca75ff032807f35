import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import type { ReactNode } from 'react';

/** The campaign screens use date inputs and charts: their styles load with these pages only. */
export default function CampaignsLayout({ children }: { children: ReactNode }) {
  return children;
}
