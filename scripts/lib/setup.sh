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

# Builds and installs the Python module into .venv the way a user would
# (pip, with maturin as the PEP 517 backend), reusing the workspace's build.
build_python_module() {
  step "Python module (pip install ./bindings-python)"
  CARGO_TARGET_DIR="$PWD/target" "$PY" -m pip install --quiet --force-reinstall --no-deps ./bindings-python
}
