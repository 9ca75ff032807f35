'use client';

import Editor, { loader, type OnMount } from '@monaco-editor/react';
import { Box, Center, Loader } from '@mantine/core';
import type { editor } from 'monaco-editor';
import { useEffect, useId, useRef } from 'react';
import {
  clearQueryCompletions,
  type QueryCompletions,
  registerQueryCompletions,
  setQueryCompletions,
} from './query-completions';

// Monaco is served by this app (copied into public/monaco by scripts/copy-monaco.mjs),
// never from a CDN: installs may have no internet, and the CSP allows this origin only.
loader.config({ paths: { vs: '/monaco/vs' } });

/**
 * The query editor: SQL for SQL databases, JSON for MongoDB pipelines, with the
 * database's tables and the chosen table's fields as completions. Ctrl/Cmd+Enter runs.
 */
export function QueryEditor({
  language,
  value,
  onChange,
  onRun,
  completions,
  height = 220,
  readOnly,
}: {
  language: 'sql' | 'json';
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  completions: QueryCompletions;
  height?: number;
  readOnly?: boolean;
}) {
  const id = useId().replace(/[^a-zA-Z0-9]/g, '');
  const editorRef = useRef<editor.IStandaloneCodeEditor | null>(null);
  const runRef = useRef(onRun);
  runRef.current = onRun;

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) setQueryCompletions(model, completions);
  }, [completions]);

  useEffect(
    () => () => {
      const model = editorRef.current?.getModel();
      if (model) clearQueryCompletions(model);
    },
    [],
  );

  const onMount: OnMount = (mounted, monaco) => {
    editorRef.current = mounted;
    registerQueryCompletions(monaco);
    const model = mounted.getModel();
    if (model) setQueryCompletions(model, completions);
    mounted.addAction({
      id: 'connect.runQuery',
      label: 'Run query',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => runRef.current(),
    });
  };

  return (
    <Box
      data-testid="query-editor"
      style={{
        border: '1px solid var(--mantine-color-gray-4)',
        borderRadius: 'var(--mantine-radius-md)',
        overflow: 'hidden',
      }}
    >
      <Editor
        height={height}
        language={language}
        path={`connect-query-${id}.${language}`}
        value={value}
        onChange={(next) => onChange(next ?? '')}
        onMount={onMount}
        loading={
          <Center h={height}>
            <Loader size="sm" />
          </Center>
        }
        options={{
          ariaLabel: language === 'sql' ? 'SQL query' : 'Aggregation pipeline (JSON)',
          minimap: { enabled: false },
          fontSize: 13,
          lineNumbers: 'on',
          scrollBeyondLastLine: false,
          wordWrap: 'on',
          tabSize: 2,
          automaticLayout: true,
          readOnly,
          fixedOverflowWidgets: true,
        }}
      />
    </Box>
  );
}
