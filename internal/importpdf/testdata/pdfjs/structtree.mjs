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
//   node structtree.mjs FILE.pdf listen
//                                     prints what a screen reader reads, in
//                                     order: the text of the structure, a
//                                     line per element that has text, the
//                                     /Alt or /ActualText of an element in
//                                     place of its content, headings, links,
//                                     figures and fields announced as such
import { readFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [input, mode] = process.argv.slice(2);
const listen = mode === "listen";
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
  if (!listen) out.push(`page ${p}`);
  // what a reader says for an element
  const say = (node, own) => {
    const r = node.role;
    const body = node.alt || own;
    if (/^H[1-6]$/.test(r)) return `heading level ${r[1]}: ${body}`;
    if (r === "Figure") return `figure: ${body}`;
    if (r === "Link") return own ? `link: ${own}` : "";
    return body;
  };
  const spoken = (node) => {
    if (node.type === "content") return;
    if (node.type === "annotation" || node.type === "object") {
      const id = String(node.id).replace(/^pdfjs_internal_id_/, "");
      const a = annots.get(id);
      if (a?.fieldName && a.rect[2] > a.rect[0]) {
        let v = a.fieldValue ?? "";
        if (a.checkBox) v = v && v !== "Off" ? "checked" : "not checked";
        if (a.radioButton) v = a.fieldValue === a.buttonValue ? "selected" : "not selected";
        out.push(`${a.radioButton ? "radio button" : a.checkBox ? "check box" : "edit"}: ${a.alternativeText ?? ""}, ${v}`.trim());
      }
      return;
    }
    let own = "";
    for (const k of node.children ?? []) if (k.type === "content") own += text.get(k.id) ?? "";
    own = own.replace(/\s+/g, " ").trim();
    const line = say(node, own);
    if (line) out.push(line);
    if (node.alt) return; // the description stands for the content
    for (const k of node.children ?? []) spoken(k);
  };
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
  if (tree) for (const k of tree.children ?? []) (listen ? spoken : walk)(k, 0);
}
process.stdout.write(out.join("\n") + "\n");
