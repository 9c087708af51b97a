#!/bin/sh
# stamp.sh ROOT OUTPUT: writes the commit ROOT is checked out at (or
# "unknown" outside a git checkout) as Swift, for `mayor --version`.
commit=$(git -C "$1" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
if [ "$commit" != unknown ] && [ -n "$(git -C "$1" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    commit="$commit+changes"
fi
printf '/// Written by Plugins/BuildInfo at build time.\nenum BuildInfo {\n    static let commit = "%s"\n}\n' "$commit" > "$2.tmp" && mv "$2.tmp" "$2"
