import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';

export function BrandMark({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const large = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={large ? 36 : 28} radius="md" variant="filled">
        <IconPlugConnected size={large ? 22 : 18} />
      </ThemeIcon>
      <Text fw={700} size={large ? 'xl' : 'lg'}>
        Connect
      </Text>
    </Group>
  );
}
