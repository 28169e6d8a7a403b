"""Type text into workbooks in LibreOffice and print them to PDF.

Usage: python3 type.py SOFFICE PROFILE_DIR JOBS.json

JOBS.json is a list of {"src": xlsx, "out": pdf, "edits": [{"sheet", "cell", "text"}]}.
Each edit sets a cell's text through LibreOffice's API, as typing it would:
LibreOffice then fits the row's height to the text unless the row has a
fixed height. Each document is then exported as PDF, the way File > Export as
PDF prints it. One LibreOffice process serves every job.
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


def main():
    soffice, profile, jobs = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
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
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for job in jobs:
            doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(job["src"]), "_blank", 0, (prop("Hidden", True),))
            for e in job.get("edits") or []:
                doc.Sheets.getByName(e["sheet"]).getCellRangeByName(e["cell"]).setString(e["text"])
            doc.storeToURL(uno.systemPathToFileUrl(job["out"]), (prop("FilterName", "calc_pdf_Export"),))
            doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()


main()
