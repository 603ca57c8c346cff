/**
 * npm run docs:architecture — rewrites the layer table in docs/architecture.md from the lint
 * configuration (eslint.config.mjs), so the document says what lint enforces. A test fails when
 * the two differ.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import prettier from "prettier";
import { loadLibLayers, type LibLayer } from "../eslint/lib-dependencies.mjs";

export const ARCHITECTURE_DOC = "docs/architecture.md";
const START = "<!-- lib-layers: written by `npm run docs:architecture` from eslint.config.mjs -->";
const END = "<!-- /lib-layers -->";

const display = (name: string, root: string) =>
  existsSync(path.join(root, "lib", name)) ? `\`lib/${name}/\`` : `\`lib/${name}.ts\``;

export function renderLayers(layers: LibLayer[], root = process.cwd()): string {
  const lines = [START];
  layers.forEach((layer, i) => {
    lines.push("", `${i + 1}. **${layer.name}.** ${layer.why}`, "");
    for (const [name, deps] of Object.entries(layer.modules)) {
      const imports = deps.length ? deps.map((d) => `\`${d}\``).join(", ") : "nothing in `lib/`";
      lines.push(`   - ${display(name, root)} may import ${imports}`);
    }
  });
  lines.push("", END);
  return lines.join("\n");
}

/** The document with its generated part written afresh and formatted, or null without markers. */
export async function regenerate(doc: string, layers: LibLayer[]): Promise<string | null> {
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  if (start < 0 || end < start) return null;
  const text = doc.slice(0, start) + renderLayers(layers) + doc.slice(end + END.length);
  const options = await prettier.resolveConfig(ARCHITECTURE_DOC);
  return prettier.format(text, { ...options, filepath: ARCHITECTURE_DOC });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const updated = await regenerate(readFileSync(ARCHITECTURE_DOC, "utf8"), await loadLibLayers());
  if (updated === null) {
    console.error(`${ARCHITECTURE_DOC} lacks the markers ${START} … ${END}`);
    process.exit(1);
  }
  writeFileSync(ARCHITECTURE_DOC, updated);
  console.info(`${ARCHITECTURE_DOC}: layer table written`);
}
