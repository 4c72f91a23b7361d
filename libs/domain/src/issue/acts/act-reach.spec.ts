import { readdirSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { RECORD_KINDS } from '../record-schemas';
import { ACT_NAMES } from './lookups';

/**
 * How far one act reaches: for every act of the catalogue, the production files (apps, libs,
 * workflows; not specs, not the generated api-types.ts) that refer to it AS AN ACT, found with
 * the compiler's types, not by grep: the same words are also stage names, policy keys and
 * English. A reference is
 * - a string literal of an act's name where the type expected is made of record kinds (ActName,
 *   a room's acts, RecordKind, or what is left of one narrowed), e.g. `ACTS['merge']`'s
 *   key, an argument of type ActName, `case 'merge':` on a record kind, `kind === 'merge'`;
 * - a literal type of an act's name (`K extends 'merge'`, `RecordPayloadOf<'merge'>`), unless
 *   it stands in a union of other words (a Stage);
 * - a property of an act's name on a type whose keys are all act names (ACTS.merge, a handler
 *   map, the catalogue's room tables).
 * `npx jest act-reach` prints the table with ACT_REACH=print.
 */

const ROOT = path.resolve(__dirname, '../../../../..');
const TREES = ['apps', 'libs', 'workflows'];
/** The acceptance: one act named in at most this many production files. */
const MOST_FILES = 8;

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'node_modules' || entry.name === 'dist' ? [] : productionFiles(full);
    }
    const source = /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts');
    const spec = /\.(spec|e2e-spec)\.tsx?$|spec-support\.ts$/.test(entry.name);
    return source && !spec && entry.name !== 'api-types.ts' ? [full] : [];
  });
}

const ACT_SET = new Set<string>(ACT_NAMES);

/** The string literals a type is made of (a type parameter: its constraint's). */
function literalsOf(checker: ts.TypeChecker, type: ts.Type | undefined): string[] {
  if (!type) return [];
  const base = type.isTypeParameter() ? checker.getBaseConstraintOfType(type) : type;
  if (!base) return [];
  const parts = base.isUnion() ? base.types : [base];
  return parts.flatMap((t) => (t.isStringLiteral() ? [t.value] : []));
}

const KIND_SET = new Set<string>(RECORD_KINDS);

/**
 * Words that are acts: record kinds only (ActName, RecordKind, a room's acts, or what is left
 * of them where the code has narrowed a kind), at least one of them an act. A Stage is not (it
 * holds township_decision, closed).
 */
function actWords(words: readonly string[]): boolean {
  return words.some((w) => ACT_SET.has(w)) && words.every((w) => KIND_SET.has(w));
}

/** A type whose property names are all act names (the catalogue, a map keyed by act). */
function actKeyed(checker: ts.TypeChecker, type: ts.Type | undefined): boolean {
  if (!type) return false;
  const names = checker.getPropertiesOfType(checker.getApparentType(type)).map((p) => p.name);
  return names.length > 0 && names.every((n) => ACT_SET.has(n));
}

function expectedType(checker: ts.TypeChecker, node: ts.Expression): ts.Type | undefined {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent) && isEquality(parent.operatorToken.kind)) {
    const other = parent.left === node ? parent.right : parent.left;
    return checker.getTypeAtLocation(other);
  }
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) {
    return undefined;
  }
  return checker.getContextualType(node);
}

const isEquality = (kind: ts.SyntaxKind) =>
  kind === ts.SyntaxKind.EqualsEqualsEqualsToken ||
  kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
  kind === ts.SyntaxKind.EqualsEqualsToken ||
  kind === ts.SyntaxKind.ExclamationEqualsToken;

/** The acts a file refers to as acts. */
function actsReferred(checker: ts.TypeChecker, file: ts.SourceFile): Set<string> {
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) && ACT_SET.has(node.text)) {
      if (ts.isLiteralTypeNode(node.parent)) {
        const union = node.parent.parent;
        if (!ts.isUnionTypeNode(union) || actWords(unionWords(union))) found.add(node.text);
      } else if (
        ts.isElementAccessExpression(node.parent) &&
        actKeyed(checker, checker.getTypeAtLocation(node.parent.expression))
      ) {
        found.add(node.text);
      } else if (actWords(literalsOf(checker, expectedType(checker, node)))) {
        found.add(node.text);
      }
    } else if (ts.isIdentifier(node) && ACT_SET.has(node.text) && holder(checker, node)) {
      found.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function unionWords(union: ts.UnionTypeNode): string[] {
  return union.types.flatMap((t) =>
    ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal) ? [t.literal.text] : ['?'],
  );
}

/** Whether an identifier names a property of an act-keyed type (read, written or declared). */
function holder(checker: ts.TypeChecker, name: ts.Identifier): boolean {
  const parent = name.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === name) {
    return actKeyed(checker, checker.getTypeAtLocation(parent.expression));
  }
  if (
    (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent)) &&
    parent.name === name
  ) {
    const literal = parent.parent;
    return (
      actKeyed(checker, checker.getContextualType(literal)) ||
      actKeyed(checker, checker.getTypeAtLocation(literal))
    );
  }
  if (
    (ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) &&
    parent.name === name
  ) {
    return actKeyed(checker, checker.getTypeAtLocation(parent.parent));
  }
  return false;
}

/** For each act, the production files that refer to it, relative to the repository. */
export function actReach(): Map<string, string[]> {
  const files = TREES.flatMap((tree) => productionFiles(path.join(ROOT, tree)));
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT).options;
  const program = ts.createProgram(files, {
    ...options,
    noEmit: true,
    jsx: ts.JsxEmit.ReactJSX,
    jsxImportSource: 'preact',
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  });
  const checker = program.getTypeChecker();
  const reach = new Map<string, string[]>(ACT_NAMES.map((a) => [a, []]));
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    for (const act of actsReferred(checker, source)) {
      reach.get(act)?.push(path.relative(ROOT, file));
    }
  }
  return reach;
}

describe('the reach of one act', () => {
  let reach: Map<string, string[]>;

  beforeAll(() => {
    reach = actReach();
  }, 120_000);

  it(`is at most ${MOST_FILES} production files for every act of the catalogue`, () => {
    if (process.env.ACT_REACH === 'print') {
      for (const [act, files] of reach)
        console.log(`${act} ${files.length}\n  ${files.join('\n  ')}`);
    }
    const over = [...reach].filter(([, files]) => files.length > MOST_FILES);
    expect(over.map(([act, files]) => `${act}: ${files.length} ${files.join(' ')}`)).toEqual([]);
  });

  it('finds every act where it is defined (the check sees act references at all)', () => {
    for (const [act, files] of reach) {
      expect({
        act,
        defined: files.some((f) => f.includes('libs/domain/src/issue/acts/')),
      }).toEqual({ act, defined: true });
    }
  });
});
