// A second, independent reader of roadmap's fillable forms, for the tests of
// package importpdf: pdf.js (the PDF engine of Firefox).
//
//   node reader.mjs read FORM.pdf           prints the fields as JSON:
//                                           {"name": {"type": ..., "value": ...}}
//   node reader.mjs fill FORM.pdf OUT.pdf VALUES.json
//                                           fills the fields as a person in a
//                                           reader would and saves the document
//
// VALUES.json maps field names to a text (text fields), true/false (check
// boxes) or the chosen button's value (radio groups).
import { readFileSync, writeFileSync } from "node:fs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const [mode, input, output, valuesFile] = process.argv.slice(2);
const doc = await getDocument({ data: new Uint8Array(readFileSync(input)), verbosity: 0 }).promise;
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
} else {
  throw new Error(`unknown mode ${mode}`);
}
await doc.destroy();
