'use client';

import { Select, type SelectProps } from '@mantine/core';
import { knownTimeZones } from '@connect/core';
import { useMemo } from 'react';

/** Every IANA time zone the browser knows, searchable by typing part of a name. */
export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  const zones = useMemo(() => {
    const all = new Set(knownTimeZones());
    if (typeof props.value === 'string' && props.value) all.add(props.value);
    return [...all].sort();
  }, [props.value]);
  return (
    <Select
      label="Time zone"
      searchable
      allowDeselect={false}
      nothingFoundMessage="No time zone by that name"
      maxDropdownHeight={260}
      {...props}
      data={zones}
    />
  );
}
