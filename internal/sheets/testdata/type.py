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
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "testtool"))
import libreoffice  # noqa: E402
from libreoffice import prop  # noqa: E402


def main():
    soffice, profile, jobs = sys.argv[1], sys.argv[2], json.load(open(sys.argv[3], encoding="utf-8"))
    with libreoffice.Office(soffice, profile) as office:
        for job in jobs:
            doc = office.load(job["src"])
            for e in job.get("edits") or []:
                doc.Sheets.getByName(e["sheet"]).getCellRangeByName(e["cell"]).setString(e["text"])
            doc.storeToURL(office.url(job["out"]), (prop("FilterName", "calc_pdf_Export"),))
            doc.close(True)


main()
