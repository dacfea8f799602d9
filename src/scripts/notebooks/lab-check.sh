#!/usr/bin/env bash
# Checks the JupyterLab server for real (CI): starts Lab headless on a free port with a
# random token, lists the kernel specs through its REST API (tslab must be there and
# start this checkout's tslab), executes one notebook cell by cell through that
# server's tslab kernel over its websocket (fails on a cell error or any stderr
# output), then stops the kernel and the server.
#
#   bash src/scripts/notebooks/lab-check.sh [notebooks/NN-name.ipynb]   (default 04-distillation)
#
# Uses the same Python as `npm run lab` (creates .venv-lab when no JupyterLab is found).
# Smoke mode is on unless HKD_SMOKE=0 is set.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$PROJECT_ROOT"
require_node lab-check
notebook="${1:-$NOTEBOOK_DIRECTORY/04-distillation.ipynb}"
[ -f "$notebook" ] || { echo "lab-check: no notebook $notebook" >&2; exit 1; }

PYTHON="$(ensure_lab_python lab-check)"
if [ ! -f "$PROJECT_ROOT/dist/plots/index.js" ]; then
  echo "lab-check: dist/ is not built: run 'npm run build' first" >&2
  exit 1
fi
kernel_registered || HKD_PYTHON="$PYTHON" bash "$PROJECT_ROOT/src/scripts/notebooks/setup-kernel.sh"

export HKD_SMOKE="${HKD_SMOKE:-1}"
port="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
token="$("$PYTHON" -c 'import secrets; print(secrets.token_hex(16))')"
log="$(mktemp "${TMPDIR:-/tmp}/hkd-lab-check.XXXXXX")"
root_flag=()
[ "$(id -u)" = "0" ] && root_flag=(--allow-root)
"$PYTHON" -m jupyter lab --no-browser --ip=127.0.0.1 --port="$port" --IdentityProvider.token="$token" \
  --ServerApp.port_retries=0 --notebook-dir="$NOTEBOOK_DIRECTORY" "${root_flag[@]}" >"$log" 2>&1 &
server=$!
stop_server() {
  if kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap stop_server EXIT
echo "lab-check: JupyterLab of $PYTHON started on 127.0.0.1:$port (pid $server); checking it with $(basename "$notebook")"
if ! "$PYTHON" "$PROJECT_ROOT/src/scripts/notebooks/lab-check.py" "http://127.0.0.1:$port" "$token" "$notebook" "$TSLAB_BINARY" "$server"; then
  echo "lab-check: FAILED; the server's log:" >&2
  tail -n 40 "$log" >&2
  exit 1
fi
