import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** One import of one file: `from` imports `to` (both paths relative to the repository, `/`-separated). */
export interface ImportEdge {
  from: string;
  to: string;
}

/** A layer rule: files matching `files` may not import what `forbids` says (see layers.test.ts). */
export interface LayerRule {
  name: string;
  files(path: string): boolean;
  /** undefined when `to` is fine for this file, else why not. */
  forbids(to: string, from: string): string | undefined;
}

/** Every non-test .ts file under src/, repository-relative. */
export function sourceFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(relative(root, path));
    }
  };
  walk(join(root, 'src'));
  return out.map((p) => p.split('\\').join('/')).sort();
}

/**
 * The imports of a file as the compiler reads them (static and dynamic imports, re-exports, type-only
 * imports too: a type import still ties the layers together). Relative ones are resolved to repository
 * paths with `.js` → `.ts`; package imports stay as written (`node:fs`, `zod`).
 */
export function importsOf(root: string, file: string, text = readFileSync(join(root, file), 'utf8')): ImportEdge[] {
  const info = ts.preProcessFile(text, true, true);
  return info.importedFiles.map(({ fileName }) => {
    if (!fileName.startsWith('.')) return { from: file, to: fileName };
    const abs = resolve(root, dirname(file), fileName).replace(/\.js$/, '.ts');
    return { from: file, to: relative(root, abs).split('\\').join('/') };
  });
}

/** Each rule's violations as `file → import (why)` lines. */
export function violations(edges: readonly ImportEdge[], rules: readonly LayerRule[]): string[] {
  const out: string[] = [];
  for (const edge of edges) {
    for (const rule of rules) {
      if (!rule.files(edge.from)) continue;
      const why = rule.forbids(edge.to, edge.from);
      if (why) out.push(`${edge.from} → ${edge.to} (${rule.name}: ${why})`);
    }
  }
  return out;
}
