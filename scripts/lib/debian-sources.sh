# Fetch packages from Debian trixie WITHOUT touching the machine's own apt configuration.
# Installing from trixie on bookworm would upgrade libc; we only download .debs and unpack them
# with `dpkg -x` into a cache folder (toolchains that are statically linked, and packaged
# Rust crate / Go module *sources*).
#
# Usage (source this file):
#   trixie_apt_update            # private lists under $BENCH_CACHE/apt
#   trixie_apt_get download PKG  # apt-get with the private configuration
#   trixie_fetch DEST PKG...     # download + unpack into DEST (idempotent per package)

: "${BENCH_CACHE:=${XDG_CACHE_HOME:-$HOME/.cache}/bench}"
TRIXIE_APT_DIR="$BENCH_CACHE/apt"
TRIXIE_MIRROR="${BENCH_DEBIAN_MIRROR:-}"

_trixie_mirror() {
  if [ -n "$TRIXIE_MIRROR" ]; then echo "$TRIXIE_MIRROR"; return; fi
  # reuse whatever Debian mirror the machine already uses for bookworm
  local m
  m=$(grep -rhE '^(URIs:|deb )' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n1 | tr -d ' ')
  echo "${m:-http://deb.debian.org/debian}"
}

_trixie_opts() {
  echo "-o Dir::Etc::sourcelist=$TRIXIE_APT_DIR/sources.list -o Dir::Etc::sourceparts=- \
-o Dir::State::lists=$TRIXIE_APT_DIR/lists -o Dir::State::status=$TRIXIE_APT_DIR/status \
-o Dir::Cache::archives=$TRIXIE_APT_DIR/archives -o Dir::Cache=$TRIXIE_APT_DIR/cache \
-o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1 -o APT::Sandbox::User=root"
}

trixie_apt_update() {
  mkdir -p "$TRIXIE_APT_DIR/lists/partial" "$TRIXIE_APT_DIR/archives/partial" "$TRIXIE_APT_DIR/cache"
  [ -f "$TRIXIE_APT_DIR/status" ] || : > "$TRIXIE_APT_DIR/status"
  echo "deb $(_trixie_mirror) trixie main" > "$TRIXIE_APT_DIR/sources.list"
  # lists younger than a day are good enough: the second run of ./bench stays fast
  if [ -n "$(find "$TRIXIE_APT_DIR/lists" -name '*trixie*Packages*' -mmin -1440 2>/dev/null | head -n1)" ]; then
    return 0
  fi
  # shellcheck disable=SC2046
  apt-get $(_trixie_opts) update -qq >/dev/null
}

trixie_apt_get() {
  # shellcheck disable=SC2046
  apt-get $(_trixie_opts) "$@"
}

trixie_apt_cache() {
  # shellcheck disable=SC2046
  apt-cache $(_trixie_opts) "$@"
}

# trixie_fetch DEST PKG... : download the packages (not their dependencies) and unpack into DEST.
trixie_fetch() {
  local dest=$1; shift
  local dl="$TRIXIE_APT_DIR/debs"
  mkdir -p "$dest" "$dl" "$dest/.unpacked"
  local want=()
  for p in "$@"; do [ -f "$dest/.unpacked/$p" ] || want+=("$p"); done
  [ ${#want[@]} -eq 0 ] && return 0
  (cd "$dl" && trixie_apt_get download -qq "${want[@]}" >/dev/null)
  for p in "${want[@]}"; do
    local deb
    deb=$(ls -t "$dl/${p}_"*.deb 2>/dev/null | head -n1)
    [ -n "$deb" ] || { echo "could not download Debian package $p" >&2; return 1; }
    dpkg -x "$deb" "$dest"
    touch "$dest/.unpacked/$p"
  done
}
