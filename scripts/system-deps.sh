#!/usr/bin/env bash
# Install the Debian packages the project needs, only those that are missing.
#
#   scripts/system-deps.sh build   # WeasyPrint runtime libraries + fontconfig
#   scripts/system-deps.sh test    # build set + chromium, chromedriver, poppler, gettext (msgfmt), node/npm
#
# Exits 0 without touching apt when everything is present. When packages are
# missing and we are not root, prints what to install and exits 1.
set -euo pipefail

BUILD_PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig)
TEST_PKGS=(chromium chromium-driver poppler-utils gettext)

usage() {
    echo "usage: $0 build|test" >&2
    exit 2
}

[[ $# -eq 1 ]] || usage
case "$1" in
    build) wanted=("${BUILD_PKGS[@]}") ;;
    test) wanted=("${BUILD_PKGS[@]}" "${TEST_PKGS[@]}") ;;
    *) usage ;;
esac

installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'
}

missing=()
for pkg in "${wanted[@]}"; do
    installed "$pkg" || missing+=("$pkg")
done

# node/npm may come from somewhere other than Debian (nodesource, nvm, ...):
# only install Debian's if the commands are absent.
if [[ $1 == test ]]; then
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "system-deps ($1): all present"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "system-deps ($1): missing Debian packages: ${missing[*]}" >&2
    echo "Install them as root with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
fi

echo "system-deps ($1): installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
