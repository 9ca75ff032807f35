import { ThemeIcon } from '@mantine/core';
import { IconBrandMongodb, IconBrandMysql, IconBrandSnowflake, IconDatabase } from '@tabler/icons-react';

const icons: Record<string, { icon: typeof IconDatabase; color: string }> = {
  mongodb: { icon: IconBrandMongodb, color: 'green' },
  snowflake: { icon: IconBrandSnowflake, color: 'cyan' },
  postgres: { icon: IconDatabase, color: 'indigo' },
  mysql: { icon: IconBrandMysql, color: 'orange' },
};

/** A kind of database's mark; kinds without one of their own get a plain database icon. */
export function DatabaseKindIcon({ kind, size = 36 }: { kind: string; size?: number }) {
  const { icon: Icon, color } = icons[kind] ?? { icon: IconDatabase, color: 'gray' };
  return (
    <ThemeIcon size={size} radius="md" variant="light" color={color}>
      <Icon size={Math.round(size * 0.6)} stroke={1.6} />
    </ThemeIcon>
  );
}
