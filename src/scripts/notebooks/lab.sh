#!/usr/bin/env bash
# Opens JupyterLab on notebooks/ with this checkout's tslab (TypeScript) kernel, in one
# command on a machine with Node 20 and python3:
#
#   npm run lab                          # opens a browser tab
#   npm run lab -- --no-browser --port 8890   # headless, port 8890 (any `jupyter lab` option passes through)
#   npm run lab -- --no-browser 8890          # the same: a bare number that is no option's value is the port
#
# 1. Uses the first Python with JupyterLab: $HKD_PYTHON, the project's .venv-lab, python3
#    on PATH (an activated conda env of environment.yml), /usr/bin/python3.
# 2. If there is none, creates .venv-lab (gitignored) with `python3 -m venv` and installs
#    JupyterLab and the kernel dependencies with pip, from your configured pip index
#    (pip.conf / PIP_INDEX_URL). Delete .venv-lab to recreate it.
# 3. Builds dist/ if it is missing (the notebooks import ../dist), registers the tslab
#    kernel in .cache/jupyter if needed, then starts `jupyter lab` on notebooks/.

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$PROJECT_ROOT"
require_node lab

PYTHON="$(ensure_lab_python lab)"
if [ ! -f "$PROJECT_ROOT/dist/plots/index.js" ]; then
  echo "lab: dist/ is not built yet (the notebooks import ../dist); building it: npm run build" >&2
  npm run build --silent
fi
if ! kernel_registered; then
  HKD_PYTHON="$PYTHON" bash "$PROJECT_ROOT/src/scripts/notebooks/setup-kernel.sh"
fi

# Arguments pass through to `jupyter lab`. A bare number is the port, unless it is the value
# of the option before it (`--port 8890`, `--ServerApp.port_retries 0`): an option without
# `=` that is not one of Jupyter's flags (which take no value) takes the next argument.
JUPYTER_FLAGS=" --debug --show-config --show-config-json --generate-config -y --y --no-browser --no-mathjax --allow-root --autoreload --script --no-script --core-mode --dev-mode --skip-dev-build --watch --splice-source --expose-app-in-browser --extensions-in-dev-mode --collaborative --custom-css "
arguments=()
previous_takes_value=false
for argument in "$@"; do
  if [[ "$argument" =~ ^[0-9]+$ ]] && [ "$previous_takes_value" = false ]; then
    arguments+=("--port=$argument")
  else
    arguments+=("$argument")
  fi
  if [[ "$argument" == -* && "$argument" != *=* && "$JUPYTER_FLAGS" != *" $argument "* ]] && [ "$previous_takes_value" = false ]; then
    previous_takes_value=true
  else
    previous_takes_value=false
  fi
done
# Jupyter refuses to start as root unless told; containers and CI machines often run as root.
[ "$(id -u)" = "0" ] && arguments+=(--allow-root)
echo "lab: JupyterLab of $PYTHON on $NOTEBOOK_DIRECTORY (kernel 'TypeScript' = tslab of this checkout)" >&2
exec "$PYTHON" -m jupyter lab --notebook-dir="$NOTEBOOK_DIRECTORY" "${arguments[@]}"
