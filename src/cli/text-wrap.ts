/**
 * Wraps text at word boundaries to `width` columns, every line after the first indented by `indent`
 * (the first line carries whatever the caller put before it). A word longer than a line stays whole.
 */
export function wrap(text: string, width: number, firstUsed: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  let room = width - firstUsed;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = width - indent.length;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : `${indent}${l}`));
}
