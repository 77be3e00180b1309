import { flagsOf } from './flags.ts';
import type { Setting, SettingPattern, SettingsTable } from './settings.ts';

const WIDTH = 100;

function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

/** Two columns, the right one wrapped to fit 100 columns. */
const table = (rows: [string, string][]): string => {
  const column = Math.max(...rows.map(([left]) => left.length)) + 4;
  return rows.map(([left, right]) => `  ${left.padEnd(column - 2)}${wrap(right, WIDTH - column, column)}`).join('\n');
};

/** A paragraph wrapped to 100 columns. */
export const paragraph = (text: string): string => wrap(text.replace(/\s+/g, ' ').trim(), WIDTH, 0);

const shown = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

/** The default as --help and the README show it, or undefined when there is none to show. */
export function shownDefault(row: Pick<Setting, 'default' | 'shownDefault'>): string | undefined {
  if (row.shownDefault !== undefined) return row.shownDefault;
  if (row.default === undefined || (Array.isArray(row.default) && row.default.length === 0)) return undefined;
  return shown(row.default);
}

const described = (row: Setting | SettingPattern) => {
  const value = shownDefault(row);
  return value === undefined ? row.description : `${row.description} Default: ${value}.`;
};

export interface HelpText {
  /** `Usage: …` line. */
  usage: string;
  /** What the program does, before the options. */
  summary: string;
  /** Paragraphs after the settings. */
  notes?: string[];
}

/** `--help`: the flags, then every variable without one (patterns among them), from the settings table. */
export function helpText(settings: SettingsTable, text: HelpText): string {
  const flags = flagsOf(settings).map(({ env, flag }) => {
    const row = settings.settings[env]!;
    const value = shownDefault(row);
    const parts = [flag.description ?? row.description, flag.value ? `Env: ${env}.` : `Sets ${env}=${flag.sets ?? 'true'}.`, flag.value && value !== undefined ? `Default: ${value}.` : ''];
    return [`--${flag.name}${flag.value ? ` ${flag.value}` : ''}`, parts.filter(Boolean).join(' ')] as [string, string];
  });
  flags.push(['--help', 'Print this help and exit.']);
  const envOnly: [string, string][] = [
    ...Object.entries(settings.settings)
      .filter(([, row]) => !row.flag && !row.optionOnly)
      .map(([env, row]) => [env, described(row)] as [string, string]),
    ...Object.values(settings.patterns).map((pattern) => [pattern.env, described(pattern)] as [string, string]),
  ];
  return [
    text.usage,
    '',
    paragraph(text.summary),
    '',
    'Options:',
    table(flags),
    '',
    'Environment only:',
    table(envOnly),
    ...(text.notes ?? []).flatMap((note) => ['', paragraph(note)]),
    '',
  ].join('\n');
}
