import { shownDefault } from './help.ts';
import type { Setting, SettingPattern } from './settings.ts';

/** One table cell: on one line, pipes escaped, and `<NAME>` outside code kept from reading as HTML. */
const cell = (text: string) =>
  text
    .split('`')
    .map((part, index) => (index % 2 ? part : part.replace(/</g, '&lt;')))
    .join('`')
    .replace(/\|/g, '\\|')
    .replace(/\s+/g, ' ')
    .trim();
const code = (text: string) => `\`${text}\``;

/** A default in code when it is a value; a phrase (`none (in process)`) as text. */
function defaultCell(row: Pick<Setting, 'default' | 'shownDefault' | 'required'>): string {
  if (row.required) return 'required';
  const value = shownDefault(row);
  if (value === undefined) return 'none';
  return row.shownDefault !== undefined && /\s|^none$/.test(value) ? cell(value) : code(value);
}

/** A README table of settings: variable, flag (when any has one), default, description. */
export function markdownTable(rows: Record<string, Setting>, patterns: Record<string, SettingPattern> = {}): string {
  const entries = Object.entries(rows).filter(([, row]) => !row.optionOnly);
  const flags = entries.some(([, row]) => row.flag);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [line(['variable', ...(flags ? ['flag'] : []), 'default', 'description']), line(Array(flags ? 4 : 3).fill('---'))];
  for (const [env, row] of entries) {
    const flag = row.flag ? code(`--${row.flag.name}${row.flag.value ? ` ${row.flag.value}` : ''}`) : '';
    lines.push(line([code(env), ...(flags ? [flag] : []), defaultCell(row), cell(row.description)]));
  }
  for (const pattern of Object.values(patterns)) {
    lines.push(line([code(pattern.env), ...(flags ? [''] : []), defaultCell(pattern), cell(pattern.description)]));
  }
  return lines.join('\n');
}

const markers = (name: string) => [`<!-- generated:${name} -->`, `<!-- /generated:${name} -->`] as const;

/** `text` with what stands between the markers of block `name` replaced by `content`; throws when the markers are missing. */
export function replaceBlock(text: string, name: string, content: string): string {
  const [open, close] = markers(name);
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start < 0 || end < start) throw new Error(`no ${open} … ${close} block`);
  return `${text.slice(0, start + open.length)}\n${content.trimEnd()}\n${text.slice(end)}`;
}
