#!/usr/bin/env bash
# The attack test (issue 4): builds rempart and the bench in Release, then runs the four attack
# scenarios against a real `rempart run` on 127.0.0.1 (ports BASE_PORT..BASE_PORT+2, default
# 47300). Stops by itself in about three minutes. Figures: docs/shield.md, "The attack test".
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE_PORT="${BASE_PORT:-47300}"
WORK="${WORK:-${TMPDIR:-/tmp}/rempart-attack-bench}"
dotnet build src/Rempart -c Release -v q -nologo | tail -2
dotnet build bench/attack -c Release -v q -nologo | tail -2
exec timeout 600 dotnet bench/attack/bin/Release/net10.0/Rempart.AttackBench.dll \
    src/Rempart/bin/Release/net10.0/rempart.dll "$WORK" "$BASE_PORT"
