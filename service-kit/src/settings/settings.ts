import { z } from 'zod';
import { defaultsTree, optionsTree, withDefaults, type DefaultsOf, type OptionsOf } from './option-tree.ts';

/** A command-line flag that stands for a setting. */
export interface Flag {
  /** The flag without its dashes: `port` is `--port <value>`. */
  name: string;
  /** Its value's placeholder in --help, e.g. `<port>`. Absent: a switch without a value, which sets the variable to `sets`. */
  value?: string;
  /** What a switch sets its variable to, e.g. `false` for `--no-watch`. */
  sets?: string;
  /** What the flag does, when the setting's description does not say it (a switch that turns something off). */
  description?: string;
}

/**
 * One setting, written once: what it accepts, its value when unset, what it does, and the option,
 * flag and README row it becomes.
 */
export interface Setting<T extends z.ZodType = z.ZodType> {
  /** Validates and converts the variable's text, e.g. `z.coerce.number().int().min(0)`; no `.default()`. */
  type: T;
  /** The (converted) value when the variable is unset or empty. Absent: unset means undefined. */
  default?: z.output<T>;
  /** Unset is a problem. Said in the README's "required" column. */
  required?: true;
  /** What it does, a sentence or two, for --help and the README. */
  description: string;
  /** How --help and the README show the default when the value alone would not say it, e.g. `1048576 (1 MiB)`. */
  shownDefault?: string;
  /** The option it sets, as a dot path in the options the service is built from, e.g. `limits.maxDepth`. */
  option?: string;
  /** The command-line flag that stands for it. */
  flag?: Flag;
  /** An option's default only: no environment variable (the key is then only a name). */
  optionOnly?: true;
}

/** A family of variables, one per name: `SUBGRAPH_<NAME>_URL` for every subgraph. */
export interface SettingPattern<T extends z.ZodType = z.ZodType> {
  /** The variable, with `<NAME>` where the (upper-case) name goes. */
  env: `${string}<NAME>${string}`;
  type: T;
  description: string;
  /** What applies to a name without its own variable. */
  shownDefault?: string;
  /** The option that receives the map of lower-case name → value. */
  option?: string;
}

export type SettingRows = Record<string, Setting>;
export type SettingPatterns = Record<string, SettingPattern>;

type ReadonlyDeep<T> = T extends (infer E)[] ? readonly ReadonlyDeep<E>[] : T extends object ? { readonly [K in keyof T]: ReadonlyDeep<T[K]> } : T;
/** Each row's default must be a value of its own type (arrays may be written as literals). */
type CheckedRows<R extends SettingRows> = { [K in keyof R]: R[K] & { default?: ReadonlyDeep<z.output<R[K]['type']>> } };

type FieldOf<S> = S extends { type: infer T extends z.ZodType }
  ? S extends { default: unknown } ? z.ZodDefault<T> : S extends { required: true } ? T : z.ZodOptional<T>
  : never;
/** The zod shape of the environment: one field per variable. */
export type ShapeOf<R extends SettingRows> = { -readonly [K in keyof R as R[K] extends { optionOnly: true } ? never : K]: FieldOf<R[K]> };
export type PatternValuesOf<P extends SettingPatterns> = { -readonly [K in keyof P]: Record<string, z.output<P[K]['type']>> };
/** The validated configuration: every variable converted, defaults applied, and each pattern's map. */
export type ConfigOf<R extends SettingRows, P extends SettingPatterns = {}> = z.output<z.ZodObject<ShapeOf<R>>> & PatternValuesOf<P>;

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export interface SettingsSpec<R extends SettingRows, P extends SettingPatterns> {
  /** Who reads them, as --help and the README say, e.g. `gateway`. */
  service: string;
  settings: R & CheckedRows<R>;
  patterns?: P;
  /** Problems across settings (one requiring another), checked once each setting is valid on its own. */
  checks?: readonly ((config: ConfigOf<R, P>) => string[])[];
}

/** What --help and the README are made from. */
export interface SettingsTable {
  readonly service: string;
  readonly settings: SettingRows;
  readonly patterns: SettingPatterns;
}

export interface Settings<R extends SettingRows = SettingRows, P extends SettingPatterns = SettingPatterns> extends SettingsTable {
  readonly settings: R;
  readonly patterns: P;
  /** The environment's schema (variables by their names; patterns and checks aside). */
  readonly schema: z.ZodObject<ShapeOf<R>>;
  /** Validates `env`, empty values counting as unset; throws one ConfigError listing every problem. */
  parse(env: Record<string, string | undefined>): ConfigOf<R, P>;
  /** Like parse, but prints the problems and exits with code 1: for a service's start. */
  load(env: Record<string, string | undefined>): ConfigOf<R, P>;
  /** Every option's default, nested by option path. */
  readonly defaults: DefaultsOf<R>;
  /** The options a configuration sets, nested by option path; unset optional ones left out. */
  options(config: ConfigOf<R, P>): OptionsOf<R, P>;
  /** `options` with every default filled in where it is unset (groups with a required member only when given). */
  withDefaults<O extends object>(options: O): O & DefaultsOf<R>;
}

const issueText = (issue: z.core.$ZodIssue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`;

/** `SUBGRAPH_<NAME>_URL` → a pattern matching `SUBGRAPH_REVIEWS_URL` and capturing `REVIEWS`. */
export const patternRegExp = (env: string) => new RegExp(`^${env.replace('<NAME>', '([A-Z0-9_]+)')}$`);

/**
 * One table of a service's settings, from which come its zod schema, its validated config, the
 * defaults and options of what it builds, its flags and --help, and its README table.
 */
export function defineSettings<const R extends SettingRows, const P extends SettingPatterns = {}>(spec: SettingsSpec<R, P>): Settings<R, P> {
  const rows = spec.settings as R;
  const patterns = (spec.patterns ?? {}) as P;
  const shape = Object.fromEntries(
    Object.entries(rows)
      .filter(([, row]) => !row.optionOnly)
      .map(([env, row]) => [env, row.default !== undefined ? row.type.default(row.default) : row.required ? row.type : row.type.optional()]),
  );
  const schema = z.object(shape) as unknown as z.ZodObject<ShapeOf<R>>;
  const matchers = Object.entries(patterns).map(([key, pattern]) => ({ key, pattern, regexp: patternRegExp(pattern.env) }));

  const parse = (env: Record<string, string | undefined>): ConfigOf<R, P> => {
    const given = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
    const result = schema.safeParse(given);
    const problems = result.success ? [] : result.error.issues.map(issueText);
    const families = Object.fromEntries(matchers.map(({ key }) => [key, {} as Record<string, unknown>]));
    for (const [name, text] of Object.entries(given)) {
      if (name in shape) continue;
      for (const { key, pattern, regexp } of matchers) {
        const match = regexp.exec(name);
        if (!match) continue;
        const parsed = pattern.type.safeParse(text);
        if (parsed.success) families[key]![match[1]!.toLowerCase()] = parsed.data;
        else problems.push(`${name}: ${parsed.error.issues[0]?.message ?? 'invalid value'}`);
      }
    }
    if (result.success) {
      const config = { ...result.data, ...families } as ConfigOf<R, P>;
      // Checks come before pattern problems: they are about the named settings.
      problems.splice(0, 0, ...(spec.checks ?? []).flatMap((check) => check(config)));
      if (problems.length === 0) return config;
    }
    throw new ConfigError([...new Set(problems)]);
  };

  const defaults = defaultsTree(rows) as DefaultsOf<R>;
  return {
    service: spec.service,
    settings: rows,
    patterns,
    schema,
    parse,
    load(env) {
      try {
        return parse(env);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        console.error(`${spec.service}: ${error.message}`);
        process.exit(1);
      }
    },
    defaults,
    options: (config) => optionsTree(rows, patterns, config as Record<string, unknown>) as OptionsOf<R, P>,
    withDefaults: (options) => withDefaults(defaults as Record<string, unknown>, options, rows) as never,
  };
}

export { flagsOf, nameFlags, parseFlags, UsageError, type CommandLine } from './flags.ts';
export { helpText, shownDefault, type HelpText } from './help.ts';
export { markdownTable, replaceBlock } from './markdown.ts';
export type { DefaultsOf, OptionsOf } from './option-tree.ts';
