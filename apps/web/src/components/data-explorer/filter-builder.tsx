'use client';

import 'react-querybuilder/dist/query-builder-layout.css';
import '@mantine/dates/styles.css';
import './filter-builder.css';
import type { FieldDescriptor } from '@connect/connectors';
import { QueryBuilderDnD } from '@react-querybuilder/dnd';
import { MantineActionElement, QueryBuilderMantine } from '@react-querybuilder/mantine';
import { useMemo } from 'react';
import * as ReactDnD from 'react-dnd';
import * as ReactDndHtml5Backend from 'react-dnd-html5-backend';
import { type ActionProps, QueryBuilder, type RuleGroupType, type RuleType } from 'react-querybuilder';
import { defaultValueFor, type DescribedField, filterFields } from './filter-fields';
import { FilterValueEditor } from './filter-value-editor';

const translations = {
  addRule: { label: 'Add rule', title: 'Add a rule to this group' },
  addGroup: { label: 'Add group', title: 'Add a group of rules to this group' },
  removeRule: { label: 'Remove', title: 'Remove this rule' },
  removeGroup: { label: 'Remove group', title: 'Remove this group and its rules' },
  notToggle: { label: 'Not', title: 'Match rows the group does not match' },
  dragHandle: { label: '⠿', title: 'Drag to move' },
  fields: { title: 'Field', placeholderLabel: 'Choose a field' },
  operators: { title: 'Operator' },
  combinators: { title: 'Combine with' },
};

const combinators = [
  { name: 'and', value: 'and', label: 'AND' },
  { name: 'or', value: 'or', label: 'OR' },
];

/** Quiet buttons: the rules are what matters. Removing is red. */
function ActionButton(props: ActionProps) {
  const removes = /remove/i.test(props.className ?? '');
  return (
    <MantineActionElement
      {...props}
      {...({
        variant: removes ? 'subtle' : 'light',
        color: removes ? 'red' : undefined,
        size: 'xs',
      } as object)}
    />
  );
}

/**
 * The visual filter: rules (field, operator, value), groups, AND/OR and NOT, with
 * drag and drop of rules and groups. The fields are the described fields of the
 * source with their types; operators and value editors follow the type.
 */
export function FilterBuilder({
  fields,
  query,
  onChange,
  disabled,
}: {
  fields: readonly FieldDescriptor[];
  query: RuleGroupType;
  onChange: (query: RuleGroupType) => void;
  disabled?: boolean;
}) {
  const described = useMemo(() => filterFields(fields), [fields]);
  const byName = useMemo(() => new Map(described.map((field) => [field.name, field])), [described]);

  return (
    <QueryBuilderMantine>
      <QueryBuilderDnD dnd={{ ...ReactDnD, ...ReactDndHtml5Backend }}>
        <QueryBuilder
          fields={described}
          query={query}
          onQueryChange={onChange}
          combinators={combinators}
          translations={translations}
          controlElements={{ valueEditor: FilterValueEditor, actionElement: ActionButton }}
          controlClassnames={{ queryBuilder: 'queryBuilder-branches connect-filter' }}
          getDefaultValue={(rule: RuleType) =>
            defaultValueFor(byName.get(rule.field)?.descriptor, rule.operator)
          }
          getDefaultField={described[0]?.name}
          resetOnOperatorChange
          showNotToggle
          enableDragAndDrop
          addRuleToNewGroups
          listsAsArrays
          disabled={disabled}
        />
      </QueryBuilderDnD>
    </QueryBuilderMantine>
  );
}

export type { DescribedField };
