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
