#!/usr/bin/env bash
# Install the Debian packages the project needs, only those that are missing.
#
#   scripts/system-deps.sh build   # WeasyPrint runtime libraries + fontconfig
#   scripts/system-deps.sh test    # build set + chromium (and its headless shell, which the
#                                  # browser tests use), chromedriver, poppler, gettext (msgfmt),
#                                  # DejaVu Sans (the charts' widest font, for their layout test),
#                                  # node/npm, php-cli, and WordPress's kses.php in .wordpress/
#
# Exits 0 without touching apt when everything is present. When packages are
# missing and we are not root, prints what to install and exits 1.
set -euo pipefail

BUILD_PKGS=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig)
TEST_PKGS=(chromium chromium-driver chromium-headless-shell poppler-utils gettext php-cli fonts-dejavu-core)
# WordPress's own HTML filter, for tests/render/test_cms.py: wp-includes/kses.php from
# Debian's wordpress package, unpacked here (git-ignored) rather than installed, which
# would pull in a web server and a database client.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORDPRESS=$ROOT/.wordpress
KSES=$WORDPRESS/wp-includes/kses.php

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

# apt-get download needs no root; it writes the .deb into the current folder.
unpack_kses() {
    local tmp
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' RETURN
    chmod 755 "$tmp" # apt, run as root, downloads as the user _apt
    (cd "$tmp" && apt-get download -q wordpress >/dev/null)
    dpkg-deb -x "$tmp"/wordpress_*.deb "$tmp/x"
    mkdir -p "$(dirname "$KSES")"
    cp "$tmp/x/usr/share/wordpress/wp-includes/kses.php" "$KSES"
    dpkg-deb -f "$tmp"/wordpress_*.deb Version >"$WORDPRESS/VERSION"
    echo "system-deps ($1): unpacked WordPress $(cat "$WORDPRESS/VERSION") kses.php into ${KSES#"$ROOT"/}"
}

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "system-deps ($1): all present"
elif [[ $(id -u) -ne 0 ]]; then
    echo "system-deps ($1): missing Debian packages: ${missing[*]}" >&2
    echo "Install them as root with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
else
    echo "system-deps ($1): installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ $1 == test && ! -f $KSES ]]; then
    unpack_kses "$1"
fi
