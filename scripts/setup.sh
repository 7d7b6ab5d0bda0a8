#!/usr/bin/env bash
# Everything nianbao needs on a fresh machine (Debian + Python 3.11+). Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
"$PY" -m pip install --quiet --disable-pip-version-check -e '.[test,bench,web,cluster]'

# PDF output (nianbao render -o x.pdf, nianbao synth --formats pdf): LibreOffice and a CJK font.
if ! command -v soffice >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || true
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 \
      libreoffice-writer-nogui fonts-wqy-zenhei >/dev/null
  else
    echo "note: install libreoffice-writer-nogui and fonts-wqy-zenhei for PDF output" >&2
  fi
fi

# Browser tests of the web app (tests/test_web_browser.py): Playwright drives Debian's Chromium
# (Playwright's own browser download is not used); the tests skip when it is absent.
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || true
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 chromium >/dev/null
  else
    echo "note: install chromium for the browser tests of the web app" >&2
  fi
fi
