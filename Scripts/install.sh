#!/usr/bin/env bash
# Installs the wall on a machine: the release binaries (mayor, and mayor-fetch,
# the publisher that `mayor fetch` runs), its Screens and Data, and shell
# completions, under a prefix.
#
#   Scripts/install.sh [--prefix DIR] [--binary PATH]
#
#   --prefix DIR   where to install (default /usr/local)
#   --binary PATH  an already built mayor, with mayor-fetch beside it (default:
#                  build the release here with the Swift runtime linked in, as
#                  the README's run command does)
#
# Lays out:
#   DIR/bin/mayor, DIR/bin/mayor-fetch   (`mayor fetch` runs the mayor-fetch beside it)
#   DIR/share/mayor/Data, DIR/share/mayor/Screens   (found by the installed mayor
#       when neither --data/--screens nor MAYOR_DATA/MAYOR_SCREENS say otherwise,
#       and there is no Data/ or Screens/ in the working folder)
#   DIR/share/bash-completion/completions/mayor, DIR/share/zsh/site-functions/_mayor,
#   DIR/share/fish/vendor_completions.d/mayor.fish
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=/usr/local
binary=
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "install: unknown argument $1" >&2; exit 2 ;;
    esac
done

if [ -z "$binary" ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
    # Every product: mayor and mayor-fetch.
    swift build -c release -Xswiftc -static-stdlib
    binary=$(swift build -c release --show-bin-path)/mayor
fi
[ -x "$binary" ] || { echo "install: $binary is not an executable" >&2; exit 2; }
publisher=$(dirname "$binary")/mayor-fetch
[ -x "$publisher" ] || { echo "install: $publisher is not an executable (mayor-fetch is built with mayor: swift build)" >&2; exit 2; }

# Refuse to install data that does not pass its own check.
"$binary" check --data Data --screens Screens >/dev/null || { echo "install: mayor check fails on Data/ and Screens/" >&2; exit 1; }

install -d "$prefix/bin" "$prefix/share/mayor" \
    "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" \
    "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$publisher" "$prefix/bin/mayor-fetch.new"
mv -f "$prefix/bin/mayor-fetch.new" "$prefix/bin/mayor-fetch"
install -m 0755 "$binary" "$prefix/bin/mayor.new"
mv -f "$prefix/bin/mayor.new" "$prefix/bin/mayor"
for folder in Data Screens; do
    rm -rf "$prefix/share/mayor/$folder.new"
    cp -R "$folder" "$prefix/share/mayor/$folder.new"
    rm -rf "$prefix/share/mayor/$folder"
    mv "$prefix/share/mayor/$folder.new" "$prefix/share/mayor/$folder"
done
"$prefix/bin/mayor" --generate-completion-script bash > "$prefix/share/bash-completion/completions/mayor"
"$prefix/bin/mayor" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_mayor"
"$prefix/bin/mayor" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/mayor.fish"
echo "installed $("$prefix/bin/mayor" --version) into $prefix"
