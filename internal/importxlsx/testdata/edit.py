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
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


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
    pipe = "roadmap%d" % os.getpid()
    proc = subprocess.Popen(
        [soffice, "--headless", "--norestore", "--nologo", "--nodefault",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(600):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.1)
        if ctx is None:
            sys.exit("could not connect to LibreOffice")
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        for job in jobs:
            # A LibreOffice that has just started (slowly, on a busy
            # machine) may answer before it can load: try again a while.
            doc = None
            for _ in range(100):
                doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["src"]), "_blank", 0, (prop("Hidden", True),))
                if doc is not None:
                    break
                time.sleep(0.2)
            if doc is None:
                sys.exit("LibreOffice could not load %s" % job["src"])
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
            doc.storeToURL(uno.systemPathToFileUrl(job["out"]), (prop("FilterName", "Calc MS Excel 2007 XML"),))
            try:
                doc.close(True)
            except Exception as err:
                # LibreOffice now and then crashes closing a document it has
                # saved; the saved file is whole (storeToURL has returned).
                if job is not jobs[-1]:
                    raise
                print("LibreOffice failed closing the saved workbook: %s" % err, file=sys.stderr)
                return
        try:
            desktop.terminate()
        except Exception:
            pass
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()


main()
