# Set-up steps shared by scripts/tour and scripts/test. Each installs what it
# needs on a fresh machine and does nothing when it is already there.

step() { printf '\n==> %s\n' "$*"; }

need_rust() {
  if ! command -v cargo >/dev/null 2>&1; then
    if [ -x "$HOME/.cargo/bin/cargo" ]; then
      export PATH="$HOME/.cargo/bin:$PATH"
    else
      echo "cargo not found: install Rust with rustup first" >&2
      exit 1
    fi
  fi
  if command -v rustup >/dev/null 2>&1; then
    local have
    have=$(rustup component list --installed 2>/dev/null || true)
    for c in clippy rustfmt; do
      case "$have" in *"$c"*) ;; *) rustup component add "$c" ;; esac
    done
  fi
}

# A virtual environment in .venv with what bindings-python/requirements-dev.txt
# lists; reinstalled only when that file changes.
need_python_venv() {
  local venv=.venv stamp=.venv/.requirements
  if [ ! -x "$venv/bin/python" ]; then
    step "Python virtual environment"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
  fi
  if ! cmp -s bindings-python/requirements-dev.txt "$stamp"; then
    step "Python packages for building and testing"
    "$venv/bin/python" -m pip install --quiet -r bindings-python/requirements-dev.txt
    cp bindings-python/requirements-dev.txt "$stamp"
  fi
  PY="$PWD/$venv/bin/python"
  export PY
}

# The Linux wheel scripts/release made, installed into .venv: the tests run
# on what a user installs (and the module is not built twice).
install_release_wheel() {
  step "Python module (the release wheel into .venv)"
  "$PY" -m pip install --quiet --force-reinstall --no-deps dist/samskab-*-manylinux*.whl
}

# Builds and installs the Python module into .venv the way a user would
# (pip, with maturin as the PEP 517 backend), reusing the workspace's build.
build_python_module() {
  step "Python module (pip install ./bindings-python)"
  CARGO_TARGET_DIR="$PWD/target" "$PY" -m pip install --quiet --force-reinstall --no-deps ./bindings-python
}

# The Rust target, the wasm-bindgen CLI of exactly the version in Cargo.lock,
# and the npm packages of bindings-wasm (wasm-opt from binaryen, TypeScript,
# playwright-core, the page's drawing library).
need_wasm_tools() {
  local want have
  if command -v rustup >/dev/null 2>&1; then
    rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  fi
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
  if [ "$have" != "$want" ]; then
    step "wasm-bindgen CLI $want (a few minutes, once)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
  if ! command -v node >/dev/null 2>&1; then
    echo "node not found: install Node.js 20 or newer" >&2
    exit 1
  fi
  if ! cmp -s bindings-wasm/package-lock.json bindings-wasm/node_modules/.samskab-lock 2>/dev/null; then
    step "npm packages for the WebAssembly build and tests"
    (cd bindings-wasm && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.samskab-lock)
  fi
}

# bindings-wasm/pkg: the npm-style package (ES module for browsers, a Node
# entry, TypeScript types), optimised with wasm-opt. Prints the gzipped size.
build_wasm() {
  step "WebAssembly package (bindings-wasm/pkg)"
  cargo build --quiet --locked --profile wasm-release -p samskab-wasm --target wasm32-unknown-unknown
  local pkg=bindings-wasm/pkg
  rm -rf "$pkg"
  wasm-bindgen --target web --out-dir "$pkg" --out-name samskab \
    target/wasm32-unknown-unknown/wasm-release/samskab_wasm.wasm
  # The pattern below must still name a function, or a rename would let
  # wasm-opt inline the search again without a word.
  if ! bindings-wasm/node_modules/.bin/wasm-dis "$pkg/samskab_bg.wasm" | grep '^ (func \$[^ ]*add_dependencies' > /dev/null; then
    echo "wasm-opt's --no-inline pattern names no function: see build_wasm in scripts/lib/setup.sh" >&2
    return 1
  fi
  # Betweenness's search from one source stays a function of its own (its
  # only caller would otherwise take it in): V8 swaps optimised code in at a
  # function's next call, so inlined, a first brokers ran in baseline code to
  # the end, 1.4 times as long. The pattern must come before -O3.
  bindings-wasm/node_modules/.bin/wasm-opt --no-inline='*add_dependencies*' -O3 --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$pkg/samskab_bg.wasm" -o "$pkg/samskab_bg.wasm"
  # A call on a Network after free() (or the end of a `using` block) gets
  # wasm-bindgen's "null pointer passed to rust"; say what happened instead.
  # The pattern must still be found, or a new wasm-bindgen went unnoticed.
  local throw='throw new Error(getStringFromWasm0(arg0, arg1));'
  if ! grep -qF "$throw" "$pkg/samskab.js"; then
    echo "build_wasm: wasm-bindgen's throw is not where it was (see scripts/lib/setup.sh)" >&2
    return 1
  fi
  sed -i "s|$throw|{ const message = getStringFromWasm0(arg0, arg1); if (message === 'null pointer passed to rust') { const e = new Error('this Network was freed (free(), or the end of a using block) and cannot be used'); e.name = 'InvalidArgumentError'; e.problems = []; throw e; } throw new Error(message); }|" "$pkg/samskab.js"
  cp bindings-wasm/package/* "$pkg/"
  # The example networks and the format's specification travel with it.
  mkdir -p "$pkg/examples"
  cp examples/data/egebaek.json examples/data/skovlund.json "$pkg/examples/"
  cp docs/format-v1.md "$pkg/"
  sed -i "s/\"version\": \"[^\"]*\"/\"version\": \"$(cargo pkgid -p samskab | sed 's/.*[#@]//')\"/" "$pkg/package.json"
  local raw gz
  raw=$(stat -c %s "$pkg/samskab_bg.wasm")
  gz=$(gzip -9 -c "$pkg/samskab_bg.wasm" | wc -c)
  echo "samskab_bg.wasm: $((raw / 1024)) KB, $((gz / 1024)) KB gzipped (goal: under 400 KB gzipped)"
}

# examples/intranet as a static folder that works offline: the package and
# the drawing library copied in (both ignored by git).
build_page() {
  step "intranet page (examples/intranet)"
  rm -rf examples/intranet/pkg examples/intranet/vendor
  cp -r bindings-wasm/pkg examples/intranet/pkg
  mkdir -p examples/intranet/vendor
  cp bindings-wasm/node_modules/cytoscape/dist/cytoscape.min.js examples/intranet/vendor/
}

# Debian's Chromium for the browser test (the only browser that can be had
# here) and LibreOffice Calc for the spreadsheet round trip.
need_debian_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium chromium-driver)
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
  if [ ${#missing[@]} -gt 0 ]; then
    step "Debian packages: ${missing[*]} (once)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# benchmarks/.venv: the harness's own environment, with the peers from PyPI
# and samskab built from this checkout.
need_bench_venv() {
  local venv=benchmarks/.venv stamp=benchmarks/.venv/.requirements
  if [ ! -x "$venv/bin/python" ]; then
    step "benchmark virtual environment"
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --upgrade pip
  fi
  if ! cmp -s benchmarks/requirements.txt "$stamp"; then
    step "benchmark peers (NetworkX, rustworkx, igraph)"
    "$venv/bin/python" -m pip install --quiet -r benchmarks/requirements.txt
    cp benchmarks/requirements.txt "$stamp"
  fi
  step "samskab into the benchmark environment"
  # The test command passes the release wheel it just made; scripts/bench
  # builds from the checkout.
  if [ -n "${RELEASE_WHEEL:-}" ]; then
    "$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps "$RELEASE_WHEEL"
  else
    CARGO_TARGET_DIR="$PWD/target" "$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps ./bindings-python
  fi
  BENCH_PY="$PWD/$venv/bin/python"
  export BENCH_PY
}

# cargo-fuzz, for the fuzz targets' timed run in the test command.
need_fuzz() {
  if ! cargo fuzz --version >/dev/null 2>&1; then
    step "cargo-fuzz (a minute, once)"
    cargo install cargo-fuzz --locked --quiet
  fi
}

# Runs fuzz target $1 for $2 seconds over a corpus of the saved crashes and
# the example documents. A crash, a leak past 4 GB or an input that takes
# more than 30 s fails the run; libFuzzer saves the input under
# fuzz/artifacts/$1/ (copy it to fuzz/crashes/$1/ once fixed).
fuzz_for() {
  local target=$1 seconds=$2 corpus
  corpus=$(mktemp -d)
  find "fuzz/crashes/$target" -type f ! -name '*.md' -exec cp {} "$corpus/" \;
  if [ "$target" = json_loader ]; then
    local doc
    for doc in examples/data/*.json testdata/scenarios/*.json; do
      cp "$doc" "$corpus/${doc//\//_}"
    done
  fi
  local status=0
  # pipefail (set by the callers) keeps the fuzzer's status through tail.
  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none --features libfuzzer -O "$target" "$corpus" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 2>&1 | tail -n 12) || status=$?
  rm -rf "$corpus"
  return "$status"
}

# What scripts/release needs beyond the test set-up: zig (from PyPI) as the
# linker of the manylinux2014 wheel, mingw-w64 (Debian) and Rust's GNU
# Windows target for the Windows wheel.
need_release_tools() {
  if ! "$PY" -c "import ziglang" >/dev/null 2>&1; then
    step "zig (PyPI ziglang), for the manylinux2014 wheel"
    "$PY" -m pip install --quiet ziglang
  fi
  if ! command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then
    step "Debian package gcc-mingw-w64-x86-64 (once)"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null
  fi
  if command -v rustup >/dev/null 2>&1; then
    rustup target list --installed | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu
  fi
}
