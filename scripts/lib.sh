# Shared helpers for the scripts; source it, do not run it.

# The wasm32 target, installed once per machine by rustup.
need_rust_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
  fi
}

# Debian packages, installed only when the command is missing.
need_apt() { # need_apt <command> <package>
  if ! command -v "$1" >/dev/null 2>&1; then
    if [ ! -f /tmp/.alexpay-apt-updated ]; then apt-get update -qq && touch /tmp/.alexpay-apt-updated; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  fi
}
