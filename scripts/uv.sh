#!/usr/bin/env bash
# Run the pinned uv (installed into .tools/ by `make venv`) with the package
# indexes that pip is configured with on this machine ($PYTHON's pip, default python3).
#
#   scripts/uv.sh pip sync --require-hashes requirements.lock
#
# uv reads neither pip.conf nor PIP_* variables. So that uv fetches from the
# same places pip would, pip's effective index-url, extra-index-url and
# find-links (a PIP_* variable, else its config files' [install], else
# [global]) are handed to uv as UV_INDEX_URL, UV_EXTRA_INDEX_URL and
# UV_FIND_LINKS, each only when pip has it and the UV_* variable is unset.
# Nothing configured means PyPI, for pip and uv alike. With extra indexes, uv
# picks the best match across all of them, as pip does; the lock's hashes
# decide which files are acceptable.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=${TOOLS:-$root/.tools}

# .tools has a pip of its own only where the base Python had none to lend it.
pip_python=${PYTHON:-python3}
[[ ! -x $tools/bin/pip ]] || pip_python=$tools/bin/python
config=$("$pip_python" -m pip config list 2>/dev/null || true)

pip_option() { # pip's value for one option, or nothing
    local section value
    for section in ':env:' install global; do
        value=$(sed -n "s/^${section}\.$1='\(.*\)'\$/\1/p" <<<"$config")
        if [[ -n $value ]]; then
            printf '%s' "$value"
            return
        fi
    done
}

if [[ -z ${UV_INDEX_URL:-} ]]; then
    value=$(pip_option index-url)
    [[ -z $value ]] || export UV_INDEX_URL=$value
fi
if [[ -z ${UV_EXTRA_INDEX_URL:-} ]]; then
    value=$(pip_option extra-index-url)
    [[ -z $value ]] || export UV_EXTRA_INDEX_URL=$value
fi
if [[ -n ${UV_EXTRA_INDEX_URL:-} ]]; then
    export UV_INDEX_STRATEGY=${UV_INDEX_STRATEGY:-unsafe-best-match}
fi
if [[ -z ${UV_FIND_LINKS:-} ]]; then
    value=$(pip_option find-links)
    # pip separates locations with whitespace, uv with commas.
    [[ -z $value ]] || export UV_FIND_LINKS=$(tr -s ' \t\n' ',' <<<"$value" | sed 's/,$//')
fi

# The machine reaches package registries only: never fetch a Python build.
export UV_PYTHON_DOWNLOADS=${UV_PYTHON_DOWNLOADS:-never}

exec "$tools/bin/uv" "$@"
