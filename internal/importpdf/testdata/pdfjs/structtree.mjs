// The structure tree of a tagged PDF as pdf.js (the PDF engine of Firefox)
// reads it, for the tests of package pdfcheck: a second, independent reader.
//
//   node structtree.mjs FILE.pdf      prints, page by page, each structure
//                                     element on a line of its own, indented
//                                     by its depth: its role, its /Alt (in
//                                     brackets) and the text of its own
//                                     marked content, and "annotation" lines
//                                     for its annotations (with the field's
//                                     name and accessible name, or the
//                                     link's description)
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [input] = process.argv.slice(2);
const standardFontDataUrl = new URL("node_modules/pdfjs-dist/standard_fonts/", import.meta.url).pathname;
const doc = await getDocument({ data: new Uint8Array(readFileSync(input)), verbosity: 0, standardFontDataUrl }).promise;
const out = [];
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  // the text of each marked-content sequence, by its id
  const text = new Map();
  const stack = [];
  const content = await page.getTextContent({ includeMarkedContent: true });
  for (const it of content.items) {
    if (it.type === "beginMarkedContentProps" || it.type === "beginMarkedContent") {
      stack.push(it.id ?? null);
    } else if (it.type === "endMarkedContent") {
      stack.pop();
    } else if (typeof it.str === "string") {
      const id = stack.findLast((s) => s);
      if (id) text.set(id, (text.get(id) ?? "") + it.str + (it.hasEOL ? " " : ""));
    }
  }
  const annots = new Map();
  for (const a of await page.getAnnotations()) annots.set(a.id, a);
  out.push(`page ${p}`);
  const walk = (node, depth) => {
    if (node.type === "content") return;
    if (node.type === "annotation" || node.type === "object") {
      const id = String(node.id).replace(/^pdfjs_internal_id_/, "");
      const a = annots.get(id);
      const what = a ? (a.fieldName ? `field ${a.fieldName} "${a.alternativeText ?? ""}"` : `link "${a.contentsObj?.str ?? ""}"`) : id;
      out.push(`${"  ".repeat(depth)}annotation ${what}`);
      return;
    }
    let own = "";
    for (const k of node.children ?? []) if (k.type === "content") own += text.get(k.id) ?? "";
    let line = `${"  ".repeat(depth)}${node.role}`;
    if (node.alt) line += ` [${node.alt}]`;
    own = own.replace(/\s+/g, " ").trim();
    if (own) line += `: ${own}`;
    out.push(line);
    for (const k of node.children ?? []) walk(k, depth + 1);
  };
  const tree = await page.getStructTree();
  if (tree) for (const k of tree.children ?? []) walk(k, 0);
}
process.stdout.write(out.join("\n") + "\n");
