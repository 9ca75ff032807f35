import { describe, expect, it } from 'vitest';
import { requireTool } from './require-tool';

describe('requireTool', () => {
  it('stops the run with the install command when a program is missing', () => {
    expect(() => requireTool('connect-no-such-program', 'connect-tools')).toThrow(
      /connect-no-such-program is not installed.*apt-get install connect-tools/,
    );
  });

  it('lets an installed program through', () => {
    expect(() => requireTool('sh', 'dash')).not.toThrow();
  });
});
