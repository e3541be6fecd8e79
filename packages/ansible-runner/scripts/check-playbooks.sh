#!/bin/sh
# Syntax-check every playbook in the repository's ansible/ with collections hidden, so a module from
# outside ansible.builtin fails here even when the machine has the `ansible` collections bundle; then
# run ansible-lint (Debian's package works offline) when it is installed.
# Set PRESSLUFT_REQUIRE_ANSIBLE_LINT=1 (CI does) to fail when ansible-lint is missing.
set -eu

package_directory=$(cd "$(dirname "$0")/.." && pwd)
ansible_directory=${PRESSLUFT_ANSIBLE_DIRECTORY:-$package_directory/../../ansible}
ansible_directory=$(cd "$ansible_directory" && pwd)
empty_collections=$(mktemp -d)
trap 'rm -rf "$empty_collections"' EXIT INT TERM

export ANSIBLE_CONFIG="$ansible_directory/ansible.cfg"
export ANSIBLE_COLLECTIONS_PATH="$empty_collections"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=False
export ANSIBLE_NOCOLOR=1
export ANSIBLE_STDOUT_CALLBACK=default
export HOME="$empty_collections"

playbooks=$(find "$ansible_directory/playbooks" -name '*.yml' -not -path '*/group_vars/*' -not -path '*/host_vars/*' | sort)
count=0
for playbook in $playbooks; do
  ansible-playbook --syntax-check -i localhost, "$playbook" >/dev/null
  echo "syntax ok: ${playbook#"$ansible_directory"/}"
  count=$((count + 1))
done
echo "$count playbooks passed --syntax-check with ansible.builtin only"

if command -v ansible-lint >/dev/null 2>&1; then
  (cd "$ansible_directory" && ansible-lint --offline --nocolor playbooks)
elif [ "${PRESSLUFT_REQUIRE_ANSIBLE_LINT:-0}" = 1 ]; then
  echo "ansible-lint is not installed (apt-get install --no-install-recommends ansible-lint)" >&2
  exit 1
else
  echo "ansible-lint is not installed: skipped (install it with apt-get install --no-install-recommends ansible-lint)"
fi
