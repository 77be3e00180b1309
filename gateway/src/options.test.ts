import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type { Setting } from '@tributary/service-kit';
import { settings } from './config.ts';

interface Documented {
  /** The whole JSDoc comment. */
  text: string;
  /** Its `@default`, if any. */
  defaultTag: string | undefined;
}

const source = (path: string) => ts.createSourceFile(path, readFileSync(new URL(path, import.meta.url), 'utf8'), ts.ScriptTarget.Latest, true);
const files = [source('./options.ts'), source('./auth/auth.ts'), source('./ide/ide.ts'), source('./upstream/upstream.ts')];
const interfaces = new Map(files.flatMap((file) => file.statements.filter(ts.isInterfaceDeclaration).map((node) => [node.name.text, node] as const)));

/** Every option of `GatewayOptions` (and `listen`'s), by dot path, with its JSDoc. */
function documentedOptions(): Map<string, Documented> {
  const found = new Map<string, Documented>();
  const walk = (members: ts.NodeArray<ts.TypeElement>, prefix: string) => {
    for (const member of members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const path = `${prefix}${member.name.getText()}`;
      const docs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
      const tag = ts.getJSDocTags(member).find((t) => t.tagName.text === 'default');
      found.set(path, { text: docs.map((doc) => doc.getText()).join('\n'), defaultTag: tag && ts.getTextOfJSDocComment(tag.comment)?.trim() });
      const type = member.type;
      if (ts.isTypeLiteralNode(type)) walk(type.members, `${path}.`);
      const named = ts.isTypeReferenceNode(type) ? interfaces.get(type.typeName.getText()) : undefined;
      if (named) walk(named.members, `${path}.`);
    }
  };
  walk(interfaces.get('GatewayOptions')!.members, '');
  walk(interfaces.get('ListenOptions')!.members, 'listen.');
  return found;
}

/** A `@default` that starts with a value (`5000 (5 s)`, `"sub"`, `[]`), as that value; prose gives undefined. */
function literal(tag: string): unknown {
  const value = tag.replace(/\s*\(.*\)$/s, '');
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

describe('GatewayOptions and the settings table', () => {
  const options = documentedOptions();
  const rows = Object.entries(settings.settings as Record<string, Setting>).filter(([, row]) => row.option);

  it.each(rows)('%s: its option is documented with the same default and its variable', (env, row) => {
    const doc = options.get(row.option!);
    expect(doc, `no JSDoc for option ${row.option}`).toBeDefined();
    if (row.default !== undefined) expect(literal(doc!.defaultTag ?? ''), `@default of ${row.option}`).toEqual(row.default);
    else expect(literal(doc!.defaultTag ?? ''), `${row.option} has no default of its own, so its @default names no value`).toBeUndefined();
    if (!row.optionOnly) expect(doc!.text, `${row.option} names its variable`).toContain(`\`${env}\``);
  });

  it('documents each variable family where it goes', () => {
    for (const pattern of Object.values(settings.patterns)) expect(options.get(pattern.option!)?.text).toContain(`\`${pattern.env}\``);
  });

  it('has no literal @default the table does not hold', () => {
    const inTable = new Set(rows.map(([, row]) => row.option));
    const orphans = [...options].filter(([path, doc]) => doc.defaultTag && literal(doc.defaultTag) !== undefined && !inTable.has(path));
    expect(orphans.map(([path]) => path)).toEqual([]);
  });
});
