#!/usr/bin/env bash
# Everything nianbao needs on a fresh machine (Debian + Python 3.11+). Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
"$PY" -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
