// A second, independent reader of roadmap's fillable forms, for the tests of
// package importpdf: pdf.js (the PDF engine of Firefox).
//
//   node reader.mjs read FORM.pdf           prints the fields as JSON:
//                                           {"name": {"type": ..., "value": ...}}
//   node reader.mjs fill FORM.pdf OUT.pdf VALUES.json
//                                           fills the fields as a person in a
//                                           reader would and saves the document
//
//   node reader.mjs render FORM.pdf OUTDIR DPI
//                                           draws each page twice, with the
//                                           fields' appearances (OUTDIR/N.png)
//                                           and without (OUTDIR/N-plain.png),
//                                           and prints each widget as JSON:
//                                           [{"page", "name", "type", "value",
//                                           "rect": [x0, y0, x1, y1] in pixels
//                                           from the top left}]
//
// VALUES.json maps field names to a text (text fields), true/false (check
// boxes) or the chosen button's value (radio groups).
import { readFileSync, writeFileSync } from "node:fs";
import { AnnotationMode, getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [mode, input, output, valuesFile] = process.argv.slice(2);
const standardFontDataUrl = new URL("node_modules/pdfjs-dist/standard_fonts/", import.meta.url).pathname;
const doc = await getDocument({ data: new Uint8Array(readFileSync(input)), verbosity: 0, standardFontDataUrl }).promise;
const objects = (await doc.getFieldObjects()) || {};

if (mode === "read") {
  const out = {};
  for (const [name, widgets] of Object.entries(objects)) {
    const w = widgets.find((w) => w.type) || widgets[0];
    out[name] = { type: w.type, value: w.value, widgets: widgets.length };
  }
  process.stdout.write(JSON.stringify(out));
} else if (mode === "fill") {
  const values = JSON.parse(readFileSync(valuesFile, "utf8"));
  for (const [name, v] of Object.entries(values)) {
    const widgets = objects[name];
    if (!widgets) throw new Error(`no field ${name}`);
    for (const w of widgets) {
      if (!w.id) continue;
      if (w.type === "radiobutton") {
        doc.annotationStorage.setValue(w.id, { value: w.exportValues === v });
      } else if (w.type === "checkbox") {
        doc.annotationStorage.setValue(w.id, { value: v === true });
      } else {
        doc.annotationStorage.setValue(w.id, { value: String(v) });
      }
    }
  }
  writeFileSync(output, await doc.saveDocument());
} else if (mode === "render") {
  const scale = Number(valuesFile) / 72;
  const widgets = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const viewport = page.getViewport({ scale });
    for (const [suffix, annotationMode] of [["", AnnotationMode.ENABLE], ["-plain", AnnotationMode.DISABLE]]) {
      const { canvas, context } = doc.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      context.fillStyle = "white";
      context.fillRect(0, 0, canvas.width, canvas.height);
      await page.render({ canvas, canvasContext: context, viewport, annotationMode }).promise;
      writeFileSync(`${output}/${n}${suffix}.png`, canvas.toBuffer("image/png"));
    }
    for (const a of await page.getAnnotations()) {
      if (a.subtype !== "Widget") continue;
      const [x0, y0, x1, y1] = viewport.convertToViewportRectangle(a.rect);
      widgets.push({
        page: n, name: a.fieldName, type: a.checkBox ? "checkbox" : a.radioButton ? "radio" : a.fieldType,
        value: a.fieldValue ?? null, on: a.buttonValue ?? a.exportValue ?? null,
        rect: [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)],
      });
    }
  }
  process.stdout.write(JSON.stringify(widgets));
} else {
  throw new Error(`unknown mode ${mode}`);
}
await doc.destroy();
