import type nodePath from 'node:path';

/**
 * The `path` module a function builds file paths with: node's own (this platform) by default, `path.win32`
 * in a unit test that checks the Windows paths on any machine. Paths are never joined with '/' by hand.
 */
export type PathModule = Pick<typeof nodePath, 'resolve' | 'join' | 'dirname' | 'sep' | 'isAbsolute'>;
