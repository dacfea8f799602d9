#!/usr/bin/env bash
# Registers the tslab (TypeScript) kernel of this checkout with Jupyter.
#
#   bash src/scripts/notebooks/setup-kernel.sh           # project-local registry (.cache/jupyter)
#   bash src/scripts/notebooks/setup-kernel.sh --user    # also the per-user registry (plain `jupyter lab`)
#
# Needs: `npm ci` done (node_modules/.bin/tslab), and a Python with jupyter_client and
# IPython: Debian `apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel`,
# or the conda env of environment.yml. Set HKD_PYTHON to pick a Python explicitly.
# Checks that tslab's zeromq native module loads (npm's install scripts are off in .npmrc;
# zeromq 6 ships prebuilt binaries for linux/darwin/win32 x64, so no build step is needed
# there; elsewhere this script rebuilds it, which needs cmake and a C++ compiler).

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$PROJECT_ROOT"

if [ ! -x "$TSLAB_BINARY" ]; then
  echo "setup-kernel: $TSLAB_BINARY is missing: run 'npm ci' first" >&2
  exit 1
fi

if ! node -e "require('zeromq')" 2>/dev/null; then
  echo "setup-kernel: zeromq's native module does not load; rebuilding it (needs cmake, a C++ compiler)" >&2
  npm rebuild zeromq --ignore-scripts=false
  node -e "require('zeromq')"
fi
echo "setup-kernel: zeromq $(node -p "require('zeromq/package.json').version") native module loads"

if ! PYTHON="$(find_python jupyter_client IPython)"; then
  echo "setup-kernel: no Python with jupyter_client and IPython found." >&2
  echo "  Debian/Ubuntu: apt-get install -y jupyter-nbconvert python3-nbclient python3-ipykernel" >&2
  echo "  conda:         conda env create -f environment.yml && conda activate hkd" >&2
  exit 1
fi

"$TSLAB_BINARY" install --python="$PYTHON" --binary="$TSLAB_BINARY" --prefix="$JUPYTER_PREFIX"
if [ "${1:-}" = "--user" ]; then
  "$TSLAB_BINARY" install --python="$PYTHON" --binary="$TSLAB_BINARY" --user
fi

"$PYTHON" -m jupyter kernelspec list 2>/dev/null | grep -E "tslab|jslab" || {
  echo "setup-kernel: the tslab kernel spec is not visible to Jupyter (JUPYTER_PATH=$JUPYTER_PATH)" >&2
  exit 1
}
echo "setup-kernel: tslab $("$TSLAB_BINARY" --version) registered for $PYTHON"
