#!/usr/bin/env bash
# A Debian root with another QGIS release, for running the test rings on it without touching the host.
#
#   scripts/qgis-root.sh build <suite>          debootstrap build/roots/<suite> and install QGIS into it
#   scripts/qgis-root.sh run <suite> <cmd...>   run a command inside it, the repository at the same path
#   scripts/qgis-root.sh umount <suite>         stop what still runs inside it and unmount everything
#
# <suite> is a Debian suite: forky (QGIS 3.44 LTR), trixie (QGIS 3.40). Must run as root.
# Building is idempotent: a stamp in the root records the mirror and package list it was built with.
# A run mounts proc, sys, dev, dev/pts and dev/shm and binds the repository (plus the directories in
# QGIS_ROOT_BIND, colon-separated, read-only) in a private mount namespace when the kernel allows one,
# and always unmounts on exit, failure included, after ending the processes left inside (Xvfb, dbus...),
# so `rm -rf build` never walks into a mounted tree. QGIS_ROOT_UNSHARE=0 mounts in the host's namespace.
set -euo pipefail

# Physical paths: /proc/self/mountinfo names mount points by them.
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
SELF="$REPO/scripts/qgis-root.sh"
ROOTS=$(realpath -m "$REPO/build/roots")
# Packages every root gets before the test dependencies (https mirrors, pip).
BASE_PACKAGES="ca-certificates"
# Where the host's trusted certificates are copied inside the root (pip trusts what the host trusts).
HOST_CA=/etc/ssl/host-ca-certificates.crt

die() { echo "qgis-root: $*" >&2; exit 1; }
log() { echo "qgis-root: $*" >&2; }

usage() {
  sed -n '2,8p' "$SELF" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# --- what to install ------------------------------------------------------------------------------

# The apt packages scripts/ensure-deps.sh installs on a host: read from its APT_PACKAGES assignment so
# the two lists cannot drift apart.
ensure_deps_packages() {
  local packages
  # From `APT_PACKAGES="` to the line that closes the quote; the words between the quotes.
  packages=$(awk '/^APT_PACKAGES="/ { on = 1 } on { print; quotes += gsub(/"/, "\""); if (quotes >= 2) exit }' \
               "$REPO/scripts/ensure-deps.sh" | sed 's/^APT_PACKAGES="//; s/".*$//' | tr -s ' \n\t' ' ')
  [ -n "${packages// /}" ] || die "no APT_PACKAGES in scripts/ensure-deps.sh"
  echo $packages  # one line, single spaces
}

root_packages() { echo $BASE_PACKAGES $(ensure_deps_packages); }

# --- the mirror -----------------------------------------------------------------------------------

# The Debian mirror the host's apt uses for its own release (one-line .list and deb822 .sources files),
# so the root downloads from the same place. QGIS_ROOT_MIRROR overrides it.
host_mirror() {
  if [ -n "${QGIS_ROOT_MIRROR:-}" ]; then echo "$QGIS_ROOT_MIRROR"; return; fi
  local codename files=() mirror=""
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  [ -f /etc/apt/sources.list ] && files+=(/etc/apt/sources.list)
  for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] && files+=("$f")
  done
  if [ ${#files[@]} -gt 0 ]; then
    mirror=$(awk -v codename="$codename" '
      function has_suite(list) { return (" " list " ") ~ (" " codename " ") }
      function flush() { if (!found && uris != "" && has_suite(suites)) { print uris; found = 1 }
                         uris = ""; suites = "" }
      FNR == 1 { flush() }
      found { next }
      /^[ \t]*#/ { next }
      # One-line format: deb [options] URI suite components...
      FILENAME !~ /\.sources$/ {
        if ($1 != "deb") next
        i = 2
        if ($i ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ }
        if ($(i + 1) == codename) { print $i; found = 1 }
        next
      }
      # deb822: stanzas separated by blank lines; the fields URIs and Suites.
      /^[ \t]*$/ { flush(); next }
      tolower($1) == "uris:"   { uris = $2 }
      tolower($1) == "suites:" { $1 = ""; suites = $0 }
      END { flush() }
    ' "${files[@]}")
  fi
  echo "${mirror:-http://deb.debian.org/debian}"
}

# --- mounts and processes -------------------------------------------------------------------------

# Mount points at or below $1, deepest first (mountinfo escapes spaces and such as octal).
mounts_under() {
  local dir=$1
  awk -v dir="$dir" '{ print $5 }' /proc/self/mountinfo | while read -r point; do
    point=$(printf '%b' "$point")
    if [ "$point" = "$dir" ] || [ "${point#"$dir"/}" != "$point" ]; then echo "$point"; fi
  done | awk '{ print length($0) " " $0 }' | sort -rn | cut -d' ' -f2-
}

# End every process whose root directory is the root $1 (found by inode, so it works across mount
# namespaces): TERM first, KILL what is still there after two seconds.
kill_inside() {
  local dir=$1 id pids=() pid
  id=$(stat -c '%d:%i' "$dir")
  for signal in TERM KILL; do
    pids=()
    for proc in /proc/[0-9]*; do
      pid=${proc#/proc/}
      [ "$pid" = "$$" ] && continue
      if [ "$(stat -L -c '%d:%i' "$proc/root" 2>/dev/null)" = "$id" ]; then pids+=("$pid"); fi
    done
    [ ${#pids[@]} -eq 0 ] && return 0
    log "ending ${#pids[@]} process(es) left in $dir ($signal): ${pids[*]}"
    kill -"$signal" "${pids[@]}" 2>/dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      local alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ $alive -eq 0 ] && break
      sleep 0.2
    done
  done
}

# Stop what runs inside root $1 and unmount everything below it; fails if a mount stays.
release_root() {
  local dir=$1 point left
  [ -d "$dir" ] || return 0
  kill_inside "$dir"
  while IFS= read -r point; do
    umount "$point" 2>/dev/null || umount -l "$point" 2>/dev/null || log "cannot unmount $point"
  done < <(mounts_under "$dir")
  left=$(mounts_under "$dir")
  [ -z "$left" ] || die "still mounted under $dir: $left"
}

# --- build ----------------------------------------------------------------------------------------

ensure_debootstrap() {
  command -v debootstrap >/dev/null && return
  log "installing debootstrap on the host"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

# debootstrap knows suites by a script of their name; a suite it does not know yet (forky on the
# debootstrap of Debian 12) is bootstrapped like sid.
suite_script() {
  local suite=$1
  if [ -e "/usr/share/debootstrap/scripts/$suite" ]; then echo ""; else echo /usr/share/debootstrap/scripts/sid; fi
}

stamp_text() { printf 'suite=%s\nmirror=%s\npackages=%s\n' "$1" "$2" "$(root_packages)"; }

build() {
  local suite=$1 dir="$ROOTS/$1" mirror want script start
  mirror=$(host_mirror)
  want=$(stamp_text "$suite" "$mirror")
  if [ -f "$dir/.qgis-root-stamp" ] && [ "$(cat "$dir/.qgis-root-stamp")" = "$want" ]; then
    log "$suite: up to date ($dir)"
    return
  fi
  ensure_debootstrap
  release_root "$dir"
  if [ ! -f "$dir/.qgis-root-debootstrapped" ] || [ "$(cat "$dir/.qgis-root-debootstrapped")" != "$suite $mirror" ]; then
    rm -rf --one-file-system "$dir"
    mkdir -p "$dir"
    script=$(suite_script "$suite")
    log "$suite: debootstrap from $mirror ${script:+(script $script)}"
    start=$SECONDS
    # shellcheck disable=SC2086  # $script is empty or one path
    debootstrap --variant=minbase --include="$BASE_PACKAGES" "$suite" "$dir" "$mirror" $script \
      > "$ROOTS/$suite-debootstrap.log" 2>&1 || { release_root "$dir"; tail -n 30 "$ROOTS/$suite-debootstrap.log" >&2
                                                 die "debootstrap failed (log: $ROOTS/$suite-debootstrap.log)"; }
    release_root "$dir"  # debootstrap leaves nothing mounted when it succeeds; make sure
    log "$suite: debootstrap took $((SECONDS - start)) s"
    echo "$suite $mirror" > "$dir/.qgis-root-debootstrapped"
  fi
  # Testing and unstable Release files on some mirrors are past their Valid-Until date: a test root
  # accepts them. Recommends stay on (apt's default), so the root has what a user's install has.
  cat > "$dir/etc/apt/apt.conf.d/90qgis-root" <<'EOF'
Acquire::Check-Valid-Until "false";
Acquire::Languages "none";
EOF
  # Packages never start their services in the root (postgresql would leave a server running there).
  printf '#!/bin/sh\nexit 101\n' > "$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
  start=$SECONDS
  log "$suite: apt-get install $(root_packages)"
  run_inside "$suite" env DEBIAN_FRONTEND=noninteractive sh -c \
    "apt-get update -qq && apt-get install -y -qq $(root_packages) >/dev/null && apt-get clean"
  log "$suite: apt took $((SECONDS - start)) s"
  echo "$want" > "$dir/.qgis-root-stamp"
}

# --- run ------------------------------------------------------------------------------------------

mount_all() {
  local dir=$1 extra
  mount -t proc proc "$dir/proc" 2>/dev/null || mount --bind /proc "$dir/proc"
  mount --bind /sys "$dir/sys"
  mount --bind /dev "$dir/dev"
  mkdir -p "$dir/dev/pts" "$dir/dev/shm"
  mount --bind /dev/pts "$dir/dev/pts"
  mount --bind /dev/shm "$dir/dev/shm"
  mkdir -p "$dir$REPO"
  mount --bind "$REPO" "$dir$REPO"
  local IFS=:
  for extra in ${QGIS_ROOT_BIND:-}; do
    [ -n "$extra" ] || continue
    [ -d "$extra" ] || die "QGIS_ROOT_BIND: no directory $extra"
    extra=$(cd "$extra" && pwd -P)
    mkdir -p "$dir$extra"
    mount --bind "$extra" "$dir$extra"
    mount -o remount,bind,ro "$dir$extra"
  done
}

# Inside the mount namespace (or on the host's when there is none): mount, run, always release.
run_in_namespace() {
  local suite=$1 dir="$ROOTS/$1" workdir status certs=()
  shift
  RUN_DIR=$dir  # global: the EXIT trap runs after this function's locals are gone
  trap 'release_root "$RUN_DIR"' EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  mount_all "$dir"
  # Copies, never through a symlink of the root's (it would resolve on the host).
  rm -f "$dir/etc/resolv.conf" "$dir$HOST_CA"
  cp -L /etc/resolv.conf "$dir/etc/resolv.conf"
  if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    cp -L /etc/ssl/certs/ca-certificates.crt "$dir$HOST_CA"
    certs=(SSL_CERT_FILE="$HOST_CA" PIP_CERT="$HOST_CA" REQUESTS_CA_BUNDLE="$HOST_CA")
  fi
  workdir=$PWD
  case "$workdir/" in "$REPO"/*) ;; *) workdir=$REPO ;; esac
  status=0
  chroot "$dir" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
    "${certs[@]}" \
    sh -c 'cd "$1" && shift && exec "$@"' sh "$workdir" "$@" || status=$?
  return $status
}

run_inside() {
  local suite=$1 dir="$ROOTS/$1"
  shift
  [ -d "$dir/usr" ] || die "no root $dir: run '$0 build $suite' first"
  release_root "$dir"  # whatever an earlier, killed run left behind
  if [ "${QGIS_ROOT_UNSHARE:-1}" != 0 ] && unshare --mount --propagation private true 2>/dev/null; then
    unshare --mount --propagation private "$SELF" _ns "$suite" "$@"
  else
    (run_in_namespace "$suite" "$@")  # a subshell, so its EXIT trap unmounts when the command ends
  fi
}

# One build or run of a root at a time: a run ends every process inside the root when it finishes.
locked() {
  local suite=$1
  mkdir -p "$ROOTS"
  exec 9> "$ROOTS/$suite.lock"
  flock 9
}

main() {
  [ $# -ge 2 ] || usage
  local action=$1 suite=$2
  shift 2
  case "$suite" in ''|*/*|.*) die "not a suite name: $suite" ;; esac
  if [ "$action" != _ns ] && [ "$(id -u)" -ne 0 ]; then die "must run as root (debootstrap, mount, chroot)"; fi
  case "$action" in
    build)  locked "$suite"; build "$suite" ;;
    run)    [ $# -ge 1 ] || usage; locked "$suite"; run_inside "$suite" "$@" ;;
    umount) locked "$suite"; release_root "$ROOTS/$suite" ;;
    _ns)    run_in_namespace "$suite" "$@" ;;  # internal: the far side of unshare
    *)      usage ;;
  esac
}

main "$@"
