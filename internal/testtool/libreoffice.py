"""Start a headless LibreOffice and talk to it through UNO: the part every
test script that drives LibreOffice shares (internal/importxlsx/testdata/edit.py,
internal/sheets/testdata/type.py). A script imports it with

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "testtool"))
    import libreoffice
"""
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


class Office:
    """A LibreOffice process with the user profile in profile, and its
    component context (ctx), service manager (smgr) and desktop. Use it as a
    context manager: leaving it ends LibreOffice."""

    def __init__(self, soffice, profile):
        pipe = "roadmap%d" % os.getpid()
        self.proc = subprocess.Popen(
            [soffice, "--headless", "--norestore", "--nologo", "--nodefault",
             "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
             "--accept=pipe,name=%s;urp;" % pipe],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            self.ctx = None
            for _ in range(600):
                try:
                    self.ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                    break
                except Exception:
                    time.sleep(0.1)
            if self.ctx is None:
                sys.exit("could not connect to LibreOffice")
            self.smgr = self.ctx.ServiceManager
            self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        except BaseException:
            self.proc.kill()
            raise

    @staticmethod
    def url(path):
        """The file URL LibreOffice takes for path."""
        return uno.systemPathToFileUrl(path)

    def load(self, path):
        """Open the document at path, hidden. A LibreOffice that has just
        started (slowly, on a busy machine) may answer before it can load:
        it is tried again for a while."""
        for _ in range(100):
            doc = self.desktop.loadComponentFromURL(self.url(path), "_blank", 0, (prop("Hidden", True),))
            if doc is not None:
                return doc
            time.sleep(0.2)
        sys.exit("LibreOffice could not load %s" % path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        try:
            try:
                self.desktop.terminate()
            except Exception:
                pass
            if exc[0] is None:
                self.proc.wait(timeout=60)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        return False
