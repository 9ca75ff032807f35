import { Alert } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';

export function OwnerOnly({ what }: { what: string }) {
  return (
    <Alert icon={<IconLock size={18} />} color="gray" title="Owners only">
      Only a workspace owner can see {what}.
    </Alert>
  );
}
