#!/usr/bin/env bash
# Fleet load test: 200 headless walls against a real nginx on loopback while a
# publisher rewrites pledges.json (see Scripts/fleet-load.py for the options
# and what it reports). Not a unit test: it takes a minute and most of a machine.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
exec python3 Scripts/fleet-load.py "$@"
