#!/bin/sh
# Double-click in Finder: starts roadmap beside this file. Its input and
# output are not the terminal, so roadmap serves the Roadmaps folder in
# Documents and opens the browser, as a double-click does on Windows.
# Closing the Terminal window stops it.
cd "$(dirname "$0")" || exit 1
./roadmap </dev/null | cat
