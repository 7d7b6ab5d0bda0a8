#!/usr/bin/env bash
# Set up nianbao on a fresh machine (Debian/Ubuntu, Python 3.11+). Safe to run twice.
#   bash scripts/setup.sh          what users need: the package and its commands, LibreOffice + a CJK font
#   bash scripts/setup.sh --test   the same plus the test and bench tools (the README's test command, .ci/run)
# Works in a virtual environment (recommended: python3 -m venv .venv && . .venv/bin/activate), or as root.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

MODE=user
case "${1:-}" in
  "") ;;
  --test) MODE=test ;;
  -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
  *) echo "错误 未知参数 $1（用法：bash scripts/setup.sh [--test]）" >&2; exit 2 ;;
esac

# -- Python packages (extras: pyproject.toml [project.optional-dependencies]) ---------------------------
EXTRAS_USER=""            # `nianbao` and all its commands need no extra
EXTRAS_TEST="test,bench,cluster"  # pytest, hypothesis, ruff, reportlab, playwright … the bench alternatives, Dask
extras=$EXTRAS_USER
[ "$MODE" = test ] && extras=$EXTRAS_TEST

in_venv=$("$PY" -c 'import sys; print(int(sys.prefix != sys.base_prefix))')
managed=$("$PY" -c 'import os, sysconfig; print(int(os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))))')
if [ "$in_venv" = 0 ] && [ "$managed" = 1 ] && [ -z "${PIP_BREAK_SYSTEM_PACKAGES:-}" ]; then
  echo "错误 这个 Python 由系统管理，pip 不能往里装包：先建虚拟环境" >&2
  echo "  python3 -m venv .venv && . .venv/bin/activate && bash scripts/setup.sh${1:+ $1}" >&2
  exit 1
fi
"$PY" -m pip install --quiet --disable-pip-version-check -e ".${extras:+[$extras]}"

# -- System packages (Debian names): installed with apt-get as root when missing, else named ------------
APT_UPDATED=
apt_install() {  # apt_install "what needs it" package...
  local why=$1; shift
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    [ -n "$APT_UPDATED" ] || { apt-get update -qq || true; APT_UPDATED=1; }
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 "$@" >/dev/null
  else
    echo "提示 ${why}需要 $*：sudo apt-get install $*" >&2
  fi
}

# For users: PDF output (render -o x.pdf, synth --formats pdf) and .doc/.wps input.
if ! command -v soffice >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  apt_install "输出 PDF、读取 .doc/.wps " libreoffice-writer-nogui fonts-wqy-zenhei
fi

# For the test command only (add the system packages a test needs here).
if [ "$MODE" = test ]; then
  # The web app's browser tests: Playwright drives Debian's Chromium (no browser download); they skip without it.
  if ! command -v chromium >/dev/null 2>&1; then
    apt_install "网页界面的浏览器测试" chromium
  fi
fi
