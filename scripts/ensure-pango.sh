#!/usr/bin/env bash
# Installs the Pango libraries and a font WeasyPrint needs to print letters as PDF, when missing.
set -euo pipefail
if ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' && fc-list 2>/dev/null | grep -qi 'dejavu'; then
  exit 0
fi
echo "Pango or its fonts are missing: installing Debian's libpango and DejaVu fonts for the PDF letters…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "error: need root (or sudo) to run: apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fontconfig
