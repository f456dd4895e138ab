// The import graph of the TypeScript sources, parsed with the TypeScript compiler (not a regex, so
// comments, strings and template text never count as imports), and the checks the layer rules need.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** One import of a file: the resolved repository path (posix) or the bare package specifier. */
export interface ImportEdge {
  to: string;
  /** A local file of the repository (else a package or `node:` builtin). */
  local: boolean;
  /** `import type` / `export type` / `typeof import()`: erased at run time, still a dependency. */
  typeOnly: boolean;
  line: number;
}

/** File (posix path relative to the repository) → its imports. */
export type ImportGraph = Map<string, ImportEdge[]>;

interface RawImport {
  specifier: string;
  typeOnly: boolean;
  line: number;
}

/** Every module specifier a source file names: static imports and re-exports, `import x = require()`,
 * dynamic `import('…')` with a literal, and `typeof import('…')` in types. */
export function importsOf(fileName: string, text: string): RawImport[] {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const out: RawImport[] = [];
  const add = (lit: ts.Node, typeOnly: boolean): void => {
    if (!ts.isStringLiteralLike(lit)) return;
    const line = sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1;
    out.push({ specifier: lit.text, typeOnly, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      // `import { type A, type B } from` is erased too; one value binding keeps it at run time.
      const named =
        c?.namedBindings && ts.isNamedImports(c.namedBindings) ? c.namedBindings.elements : undefined;
      const allTypeNames = !!named && named.length > 0 && !c?.name && named.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, !!c?.isTypeOnly || allTypeNames);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      if (arg) add(arg, false);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) add(arg.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const SOURCE = /\.(ts|tsx|mts)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build']);

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (!SKIP_DIRS.has(name)) yield* sourceFiles(p);
    } else if (SOURCE.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

const toPosix = (p: string): string => p.split(sep).join('/');

/** The file a relative specifier names, the way NodeNext resolution finds a TypeScript source:
 * `./x.js` is `./x.ts` (or `.tsx`); `./x.css`, `./x.mjs`, `./x.json` are themselves; without an
 * extension (bundler style, the renderer) `./x` is `./x.ts`, `./x.tsx` or `./x/index.ts`. */
function resolveLocal(fromFile: string, specifier: string): string | undefined {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = /\.js$/.test(base)
    ? [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base]
    : /\.jsx$/.test(base)
      ? [base.replace(/\.jsx$/, '.tsx'), base]
      : /\.[a-z0-9]+$/i.test(base)
        ? [base]
        : [base + '.ts', base + '.tsx', join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

export interface BuiltGraph {
  graph: ImportGraph;
  /** Relative specifiers no file answers (a check on the resolver itself: must stay empty). */
  unresolved: string[];
}

/** The import graph of every TypeScript source under `roots` (folders relative to `repoRoot`). */
export function buildImportGraph(repoRoot: string, roots: string[]): BuiltGraph {
  const graph: ImportGraph = new Map();
  const unresolved: string[] = [];
  for (const root of roots) {
    for (const abs of sourceFiles(resolve(repoRoot, root))) {
      const from = toPosix(relative(repoRoot, abs));
      const edges: ImportEdge[] = [];
      for (const imp of importsOf(abs, readFileSync(abs, 'utf8'))) {
        if (!imp.specifier.startsWith('.')) {
          edges.push({ to: imp.specifier, local: false, typeOnly: imp.typeOnly, line: imp.line });
          continue;
        }
        const target = resolveLocal(abs, imp.specifier);
        if (!target) unresolved.push(`${from}:${imp.line} → ${imp.specifier}`);
        else
          edges.push({
            to: toPosix(relative(repoRoot, target)),
            local: true,
            typeOnly: imp.typeOnly,
            line: imp.line,
          });
      }
      graph.set(from, edges);
    }
  }
  return { graph, unresolved };
}

/** Every import circle, each as a path `a → b → … → a` (one per strongly connected component, so
 * a tangle of many files is reported once, by one of its cycles, with all its members listed). */
export function findCycles(
  next: ReadonlyMap<string, readonly string[]>,
): { members: string[]; cycle: string[] }[] {
  // Tarjan's strongly connected components, iterative so deep graphs cannot overflow the stack.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  const succ = (n: string): readonly string[] => next.get(n) ?? [];
  for (const start of [...next.keys()].sort()) {
    if (index.has(start)) continue;
    const work: { node: string; i: number }[] = [{ node: start, i: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const out = succ(top.node);
      if (top.i < out.length) {
        const w = out[top.i++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ node: w, i: 0 });
        } else if (onStack.has(w)) low.set(top.node, Math.min(low.get(top.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const comp: string[] = [];
        for (;;) {
          const w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
          if (w === top.node) break;
        }
        const selfLoop = comp.length === 1 && succ(comp[0]!).includes(comp[0]!);
        if (comp.length > 1 || selfLoop) components.push(comp.sort());
      }
    }
  }
  return components.map((members) => ({ members, cycle: cycleWithin(members, succ) }));
}

/** The shortest cycle through the component's first member, by breadth-first search inside it. */
function cycleWithin(members: string[], succ: (n: string) => readonly string[]): string[] {
  const inside = new Set(members);
  const start = members[0]!;
  const prev = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const n = queue[q]!;
    for (const w of succ(n)) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const path = [start];
        for (let p: string | undefined = n; p !== undefined && p !== start; p = prev.get(p))
          path.splice(1, 0, p);
        return [...path, start];
      }
      if (!prev.has(w)) {
        prev.set(w, n);
        queue.push(w);
      }
    }
  }
  return [start, start]; // unreachable for a real component
}

/** The local edges of a graph as adjacency lists (what `findCycles` takes). */
export function localAdjacency(graph: ImportGraph): Map<string, string[]> {
  const adj = new Map<string, string[]>();
  for (const [from, edges] of graph)
    adj.set(from, [...new Set(edges.filter((e) => e.local).map((e) => e.to))]);
  return adj;
}

/** A layer rule: files `from` matches may not import what `forbids` matches. */
export interface LayerRule {
  name: string;
  from: (file: string) => boolean;
  forbids: (edge: ImportEdge, from: string) => boolean;
}

/** Each import that breaks a rule, as `rule: file:line → target`. */
export function layerViolations(graph: ImportGraph, rules: readonly LayerRule[]): string[] {
  const out: string[] = [];
  for (const [from, edges] of graph)
    for (const rule of rules)
      if (rule.from(from))
        for (const e of edges)
          if (rule.forbids(e, from)) out.push(`${rule.name}: ${from}:${e.line} → ${e.to}`);
  return out.sort();
}
