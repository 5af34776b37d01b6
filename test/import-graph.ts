/**
 * The import graph of the project's own TypeScript: which file imports which, through relative
 * `import … from`, `import type … from`, `import "…"` and `export … from` statements. Read with
 * TypeScript's parser (already a dependency) rather than a regular expression, so that an import written
 * inside a template string (scaffold.ts writes code) or a comment is not mistaken for one. Dynamic
 * `import()` is left out on purpose: it runs when called, not when the module loads, so it cannot form a
 * load-order circle (scripts/bench-child.ts uses it to load the warehouse only in the child).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

export const ROOT = resolve(import.meta.dirname, "..");

/** Every .ts file under `dirs` (relative to the project root), as root-relative paths with forward slashes. */
export function tsFiles(dirs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) files.push(toKey(path));
    }
  };
  for (const dir of dirs) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
  return files;
}

function toKey(path: string): string {
  return relative(ROOT, path).split("\\").join("/");
}

/** The relative module specifiers a file's static import and export statements name. */
export function relativeSpecifiers(source: string, fileName = "module.ts"): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const specifiers: string[] = [];
  for (const statement of file.statements) {
    const from = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ? statement.moduleSpecifier : undefined;
    if (from && ts.isStringLiteral(from) && from.text.startsWith(".")) specifiers.push(from.text);
  }
  return specifiers;
}

/**
 * The file a relative specifier names: as written, or a `.js` name standing for its `.ts` source (the pages'
 * components import each other as `.js`), or an extensionless name. Undefined when it names no .ts file
 * (a .json or .sql file is a leaf and cannot close a circle).
 */
function resolveSpecifier(fromFile: string, specifier: string): string | undefined {
  const base = resolve(ROOT, dirname(fromFile), specifier);
  const candidates = [base, base.replace(/\.js$/, ".ts"), `${base}.ts`, join(base, "index.ts")];
  const found = candidates.find((path) => path.endsWith(".ts") && existsSync(path));
  return found && toKey(found);
}

/** The import graph of `files`: each file → the files of the set it imports, sorted. */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  const inSet = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = relativeSpecifiers(readFileSync(join(ROOT, file), "utf8"), file)
      .map((specifier) => resolveSpecifier(file, specifier))
      .filter((target): target is string => target !== undefined && inSet.has(target));
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

/**
 * One circle per strongly connected component of the graph that has one (Tarjan's algorithm finds the
 * components; a breadth-first search inside each gives its shortest circle through its first file). Each
 * circle is listed from its first file back to it: ["a.ts", "b.ts", "a.ts"].
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;

  // Iterative, so that a long chain of imports cannot overflow the call stack.
  for (const start of graph.keys()) {
    if (index.has(start)) continue;
    const work: Array<{ node: string; edge: number }> = [{ node: start, edge: 0 }];
    index.set(start, next);
    low.set(start, next++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1] as { node: string; edge: number };
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const target = edges[frame.edge++] as string;
        if (!index.has(target)) {
          index.set(target, next);
          low.set(target, next++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, edge: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) as number, index.get(target) as number));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) as number, low.get(frame.node) as number));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        const selfLoop = component.length === 1 && (graph.get(frame.node) ?? []).includes(frame.node);
        if (component.length > 1 || selfLoop) components.push(component.sort());
      }
    }
  }
  return components.map((component) => shortestCircle(graph, component));
}

function shortestCircle(graph: ReadonlyMap<string, readonly string[]>, component: readonly string[]): string[] {
  const members = new Set(component);
  const first = component[0] as string;
  const cameFrom = new Map<string, string>();
  const queue = [first];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] as string;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === first) {
        const path = [node];
        while (path[0] !== first) path.unshift(cameFrom.get(path[0] as string) as string);
        return [...path, first];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [first, first]; // unreachable for a strongly connected component
}
