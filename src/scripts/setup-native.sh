#!/usr/bin/env bash
# Makes the native TensorFlow backend (@tensorflow/tfjs-node) usable.
#
# Why this script exists: tfjs-node's own install script downloads libtensorflow (and a
# prebuilt addon) from Google's storage. This project installs with `ignore-scripts=true`
# (.npmrc) so that `npm ci` never fails offline; this script does that step explicitly:
#   1. nothing to do if the addon already loads;
#   2. with internet: run tfjs-node's normal install (downloads libtensorflow 2.9.1 + addon);
#   3. offline: take the TensorFlow C/C++ library from a `tensorflow-cpu` Python wheel
#      (HKD_TENSORFLOW_WHEEL=/path/to.whl, or `pip download tensorflow-cpu==2.21.0` from a
#      configured local wheel store), put libtensorflow_cc.so.2 + libtensorflow_framework.so.2
#      and the C API headers under the package's deps/, and compile the addon from source
#      with node-pre-gyp against the local Node headers (no downloads).
# Exit status 0 when the native backend loads afterwards, 1 otherwise (the project still
# works then, on the slower WebAssembly backend).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
package="$root/node_modules/@tensorflow/tfjs-node"
wheel_version="${HKD_TENSORFLOW_VERSION:-2.21.0}"
log() { echo "[setup:native] $*"; }

if [ ! -d "$package" ]; then
  log "node_modules/@tensorflow/tfjs-node is missing: run 'npm ci' first"; exit 1
fi

loads() {
  TF_CPP_MIN_LOG_LEVEL=2 node -e "require('@tensorflow/tfjs-node'); const tf=require('@tensorflow/tfjs'); tf.tensor([1,2]).square().dataSync(); process.exit(tf.getBackend()==='tensorflow'?0:1)" >/dev/null 2>&1
}

if [ "${1:-}" != "--force" ] && loads; then
  log "native backend already loads ($package/lib)"; exit 0
fi

if [ "${HKD_NATIVE_SKIP_DOWNLOAD:-}" != "1" ]; then
  log "trying tfjs-node's own install (downloads libtensorflow; needs internet)"
  if (cd "$package" && timeout 600 node scripts/install.js) >"$root/.native-install.log" 2>&1 && loads; then
    log "native backend built by the normal install"; rm -f "$root/.native-install.log"; exit 0
  fi
  log "normal install failed (offline?); see .native-install.log. Falling back to a local tensorflow-cpu wheel."
fi

wheel="${HKD_TENSORFLOW_WHEEL:-}"
if [ -z "$wheel" ]; then
  mkdir -p "$root/.native/wheels"
  wheel=$(ls "$root"/.native/wheels/tensorflow_cpu-"$wheel_version"-*.whl 2>/dev/null | head -1)
  if [ -z "$wheel" ]; then
    log "fetching tensorflow-cpu==$wheel_version with pip (local wheel store or PyPI)"
    python3 -m pip download --no-deps --only-binary=:all: "tensorflow-cpu==$wheel_version" -d "$root/.native/wheels" >/dev/null 2>&1 \
      || { log "pip could not get tensorflow-cpu==$wheel_version; set HKD_TENSORFLOW_WHEEL to a downloaded wheel"; exit 1; }
    wheel=$(ls "$root"/.native/wheels/tensorflow_cpu-"$wheel_version"-*.whl | head -1)
  fi
fi
[ -f "$wheel" ] || { log "wheel not found: $wheel"; exit 1; }
log "using $wheel"

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
python3 - "$wheel" "$staging" <<'PY' || { log "could not unpack $2"; exit 1; }
import sys, zipfile, fnmatch
wheel, target = sys.argv[1], sys.argv[2]
wanted = ['tensorflow/libtensorflow_cc.so.2', 'tensorflow/libtensorflow_framework.so.2',
          'tensorflow/include/tensorflow/c/*', 'tensorflow/include/xla/tsl/c/*',
          'tensorflow/include/tensorflow/core/platform/ctstring*.h',
          'tensorflow/include/tsl/platform/ctstring*.h', 'tensorflow/include/xla/tsl/platform/ctstring*.h']
with zipfile.ZipFile(wheel) as archive:
    names = [n for n in archive.namelist() if any(fnmatch.fnmatch(n, p) for p in wanted)]
    if not any(n.endswith('libtensorflow_cc.so.2') for n in names):
        sys.exit(f'{wheel} has no tensorflow/libtensorflow_cc.so.2 (is it a tensorflow-cpu wheel for Linux?)')
    for name in names:
        archive.extract(name, target)
PY
rm -rf "$package/deps" "$package/build" "$package/lib"
mkdir -p "$package/deps/lib" "$package/deps/include"
mv "$staging"/tensorflow/libtensorflow_cc.so.2 "$staging"/tensorflow/libtensorflow_framework.so.2 "$package/deps/lib/"
cp -r "$staging"/tensorflow/include/. "$package/deps/include/"
(cd "$package/deps/lib" && ln -sf libtensorflow_cc.so.2 libtensorflow.so.2 && ln -sf libtensorflow.so.2 libtensorflow.so \
  && ln -sf libtensorflow_framework.so.2 libtensorflow_framework.so)

nodedir=$(npm config get nodedir 2>/dev/null)
if [ -z "$nodedir" ] || [ "$nodedir" = "undefined" ] || [ "$nodedir" = "null" ]; then
  prefix=$(dirname "$(dirname "$(command -v node)")")
  [ -f "$prefix/include/node/node_api.h" ] && nodedir="$prefix"
fi
nodedir_flag=()
[ -n "$nodedir" ] && nodedir_flag=("--nodedir=$nodedir")
log "compiling the addon (node-pre-gyp, ${nodedir_flag[*]:-downloaded headers}); about a minute"
if ! (cd "$package" && "$root/node_modules/.bin/node-pre-gyp" install --build-from-source "${nodedir_flag[@]}") >"$root/.native-build.log" 2>&1; then
  log "addon build failed; see .native-build.log (needs python3, make, g++)"; exit 1
fi
if loads; then
  log "native backend ready: TensorFlow $wheel_version C library from the wheel, addon built from source"
  rm -f "$root/.native-build.log" "$root/.native-install.log"; exit 0
fi
log "the addon was built but does not load; see .native-build.log"; exit 1
