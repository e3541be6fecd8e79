#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Pressluft needs, and nothing else.
#
#   scripts/install-system-packages.sh            what running the control plane needs
#   scripts/install-system-packages.sh --test     that, plus what the test suites need
#
# Idempotent: a package already installed is left alone, and the script prints nothing when nothing is
# missing. Uses sudo when not run as root. Refuses clearly on a system without apt.
set -euo pipefail

with_test=0
for arg in "$@"; do
  case "$arg" in
    --test) with_test=1 ;;
    -h | --help)
      sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "install-system-packages: unknown option '$arg' (known: --test)" >&2
      exit 2
      ;;
  esac
done

# Running: Ansible provisions nodes over SSH; python3, make and g++ build better-sqlite3 from source where
# no prebuilt binary can be downloaded.
packages=(ansible-core openssh-client python3 make g++)
if [ "$with_test" = 1 ]; then
  # Testing: a loopback sshd, a browser for the dashboard test, the playbook linter, PostgreSQL, and the
  # disposable Debian test host (debootstrap, systemd-nspawn, a veth in its own netns, apt through a
  # loopback proxy, a zstd-cached root file system).
  packages+=(openssh-server chromium ansible-lint postgresql debootstrap systemd-container socat tinyproxy
    zstd iproute2 sudo)
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-packages: this system has no apt/dpkg. Install these packages with its own package" >&2
  echo "manager, then run the command again: ${packages[*]}" >&2
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "install-system-packages: not root and no sudo; as root, run: apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi

echo "install-system-packages: installing from apt: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
# --no-install-recommends: the recommended "ansible" bundle is large and hides missing collections.
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
