"""Edit workbooks in LibreOffice as a person would, and save them as .xlsx.

Usage: python3 edit.py SOFFICE PROFILE_DIR LOCALE JOBS.json

LOCALE (such as lv-LV) is set as LibreOffice's locale before any workbook
is opened: it is how LibreOffice reads what is typed (dates, numbers).
JOBS.json is a list of {"src": xlsx, "out": xlsx, "edits": [{"sheet",
"cell", "text"}]}. Each edit types text into a cell through LibreOffice's
input line (the .uno:EnterString command, as typing and pressing Enter
does), so that LibreOffice recognises a date or a number as it does for a
person. Each workbook is then saved as Excel 2007-365 (.xlsx). For every
edit it prints one JSON line: what LibreOffice stored in the cell ("type":
VALUE, TEXT, FORMULA or EMPTY; "value"; "string"; "format", the cell's
number format code).
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "testtool"))
import libreoffice  # noqa: E402
from libreoffice import prop  # noqa: E402


def write_profile(profile, locale):
    """Start the profile with LibreOffice's locale set (Tools > Options >
    Language Settings > Languages > Locale setting)."""
    user = os.path.join(profile, "user")
    os.makedirs(user, exist_ok=True)
    with open(os.path.join(user, "registrymodifications.xcu"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
                '<value>%s</value></prop></item>\n'
                '</oor:items>\n' % locale)


def main():
    soffice, profile, locale, jobs = sys.argv[1], sys.argv[2], sys.argv[3], json.load(open(sys.argv[4], encoding="utf-8"))
    write_profile(profile, locale)
    with libreoffice.Office(soffice, profile) as office:
        dispatcher = office.smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", office.ctx)
        for job in jobs:
            doc = office.load(job["src"])
            controller = doc.getCurrentController()
            frame = controller.getFrame()
            for e in job.get("edits") or []:
                sheet = doc.Sheets.getByName(e["sheet"])
                controller.setActiveSheet(sheet)
                cell = sheet.getCellRangeByName(e["cell"])
                controller.select(cell)
                dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", e["text"]),))
                kind = cell.getType().value
                fmt = doc.getNumberFormats().getByKey(cell.getPropertyValue("NumberFormat"))
                print(json.dumps({"sheet": e["sheet"], "cell": e["cell"], "type": kind, "value": cell.getValue(),
                                  "string": cell.getString(), "format": fmt.getPropertyValue("FormatString")},
                                 ensure_ascii=False), flush=True)
            doc.storeToURL(office.url(job["out"]), (prop("FilterName", "Calc MS Excel 2007 XML"),))
            try:
                doc.close(True)
            except Exception as err:
                # LibreOffice now and then crashes closing a document it has
                # saved; the saved file is whole (storeToURL has returned).
                if job is not jobs[-1]:
                    raise
                print("LibreOffice failed closing the saved workbook: %s" % err, file=sys.stderr)
                return


main()
