#!/usr/bin/env bash
# Install what the tests need and run the whole suite: ruff, mypy, pytest (offscreen Qt).
# poppler-utils renders PDFs in tests; cups and printer-driver-cups-pdf give them a real printer.
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
djdesk_install_system_packages poppler-utils cups printer-driver-cups-pdf
djdesk_start_pdf_printer
djdesk_make_venv "dev"
export QT_QPA_PLATFORM=offscreen
echo ">> ruff check"
.venv/bin/ruff check djdesk tests bench scripts packaging
echo ">> ruff format --check"
.venv/bin/ruff format --check djdesk tests bench scripts packaging
echo ">> mypy"
.venv/bin/mypy
echo ">> lint-imports (layer contracts)"
.venv/bin/lint-imports --no-cache
echo ">> pytest"
.venv/bin/pytest "$@"
