// Opens each workbook named on the command line with exceljs and with
// SheetJS (xlsx) and prints, as JSON, what each reader found: per sheet its
// name, its frozen panes (exceljs), the lists of its drop-downs (exceljs)
// and its first row's texts; for SheetJS the sheet names and the first
// row. A workbook a reader cannot open prints that reader's error.
import ExcelJS from "exceljs";
import XLSX from "xlsx";
import { readFileSync } from "node:fs";

const text = (v) => {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && v.richText) return v.richText.map((r) => r.text).join("");
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object" && "result" in v) return String(v.result);
  return String(v);
};

const out = [];
for (const file of process.argv.slice(2)) {
  const res = { file };
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file));
    res.exceljs = {
      creator: wb.creator || "",
      sheets: wb.worksheets.map((ws) => {
        const view = (ws.views || [])[0] || {};
        const lists = new Set();
        for (const dv of Object.values(ws.dataValidations.model || {})) {
          if (dv && dv.type === "list") lists.add((dv.formulae || []).join(","));
        }
        const first = [];
        ws.getRow(1).eachCell({ includeEmpty: false }, (c) => first.push(text(c.value)));
        return {
          name: ws.name,
          frozen: view.state === "frozen" ? { x: view.xSplit || 0, y: view.ySplit || 0 } : null,
          lists: [...lists].sort(),
          first,
        };
      }),
    };
  } catch (e) {
    res.exceljsError = String(e && e.message ? e.message : e);
  }
  try {
    const wb = XLSX.read(readFileSync(file), { type: "buffer" });
    res.sheetjs = {
      sheets: wb.SheetNames,
      first: wb.SheetNames.map((n) => (XLSX.utils.sheet_to_json(wb.Sheets[n], { header: 1, blankrows: false })[0] || []).map(String)),
    };
  } catch (e) {
    res.sheetjsError = String(e && e.message ? e.message : e);
  }
  out.push(res);
}
process.stdout.write(JSON.stringify(out));
