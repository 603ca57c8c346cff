// The lint rule that keeps lib/ layered: a file in one lib module (a folder such as lib/apps, or a
// file at the root such as lib/errors.ts) may import another lib module only when the map in
// eslint.config.mjs lists it. The map itself must be acyclic (checked when the config loads), so
// no chain of imports can ever lead from a lib module back to itself, whatever files it runs through.
import path from "node:path";

/** The lib module a path belongs to, or null outside lib/. */
export function libModuleOf(file, root) {
  const rel = path.relative(path.join(root, "lib"), file);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return null;
  const [first, ...rest] = rel.split(path.sep);
  return rest.length ? first : first.replace(/\.(tsx?|mjs|js)$/, "");
}

/**
 * The layers of lib/, lowest first, each with the modules it holds and what each may import.
 * Throws unless every import goes to the same layer or a lower one, and the whole map is acyclic.
 */
export function defineLayers(layers) {
  const seen = new Set();
  for (const layer of layers) {
    for (const name of Object.keys(layer.modules)) seen.add(name);
    for (const [name, deps] of Object.entries(layer.modules)) {
      const higher = deps.filter((dep) => !seen.has(dep));
      if (higher.length)
        throw new Error(
          `lib/${name} (${layer.name}) may not import ${higher.join(", ")}: not below it`,
        );
    }
  }
  assertAcyclic(modulesOf(layers));
  return layers;
}

export const modulesOf = (layers) => Object.assign({}, ...layers.map((layer) => layer.modules));

/** Throws when the allowed dependencies form a cycle or name a module the map does not define. */
export function assertAcyclic(modules) {
  const state = new Map();
  const visit = (name, trail) => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "open")
      throw new Error(`lib dependency map has a cycle: ${[...trail, name].join(" -> ")}`);
    state.set(name, "open");
    for (const dep of modules[name]) {
      if (!(dep in modules))
        throw new Error(`lib/${name} may import "${dep}", which is not in the map`);
      visit(dep, [...trail, name]);
    }
    state.set(name, "done");
  };
  for (const name of Object.keys(modules)) visit(name, []);
  return modules;
}

function targetOf(specifier, file, root) {
  if (specifier.startsWith("@/")) return path.join(root, specifier.slice(2));
  if (specifier.startsWith(".")) return path.resolve(path.dirname(file), specifier);
  return null; // a package
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "lib modules import only the lib modules the dependency map allows" },
    schema: [
      {
        type: "object",
        properties: { layers: { type: "array" } },
        required: ["layers"],
        additionalProperties: false,
      },
    ],
    messages: {
      notAllowed:
        "lib/{{from}} may not import lib/{{to}}. It may import: {{allowed}}. Change the design, or the map in eslint.config.mjs (and docs/architecture.md with `npm run docs:architecture`).",
      unknownModule:
        "lib/{{name}} is not in the lib dependency map (eslint.config.mjs): add it with the modules it may import.",
      outsideLib:
        "lib/ code may not import {{target}}: app/, components/ and the rest build on lib/, never the other way round.",
    },
  },
  create(context) {
    const modules = modulesOf(context.options[0].layers);
    const root = context.cwd;
    const file = context.filename;
    const from = libModuleOf(file, root);
    if (from === null) return {};
    const check = (node) => {
      const specifier = node?.value;
      if (typeof specifier !== "string") return;
      const target = targetOf(specifier, file, root);
      if (target === null) return;
      const to = libModuleOf(target, root);
      if (to === null) {
        context.report({ node, messageId: "outsideLib", data: { target: specifier } });
        return;
      }
      if (to === from || !(from in modules)) return;
      if (!modules[from].includes(to)) {
        const allowed = modules[from].length ? modules[from].join(", ") : "nothing in lib/";
        context.report({ node, messageId: "notAllowed", data: { from, to, allowed } });
      }
    };
    return {
      Program(node) {
        if (!(from in modules))
          context.report({ node, messageId: "unknownModule", data: { name: from } });
      },
      ImportDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export const scopewardenPlugin = { rules: { "lib-dependencies": rule } };

/** The layers as the project's ESLint config applies them to lib/ (the one source of truth). */
export async function loadLibLayers(cwd = process.cwd()) {
  const { ESLint } = await import("eslint");
  const config = await new ESLint({ cwd }).calculateConfigForFile(path.join(cwd, "lib/errors.ts"));
  return config.rules["scopewarden/lib-dependencies"][1].layers;
}
