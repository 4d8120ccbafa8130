#!/usr/bin/env bash
# The whole OWASP CRS regression suite (5,082 go-ftw tests) through a running Rempart over sockets.
# ./test.sh runs a deterministic sample of it (every 20th test); this runs all of them (about 1.5 min on
# 2 shared cores) and prints passed / failed / skipped per rule file and overall.
# Options (environment): REMPART_FTW_INCLUDE=regex narrows to matching test ids (e.g. '^942100-');
# REMPART_FTW_KEEP_LOG=1 keeps the JSON audit log the runner judged by and prints its path.
# Needs ../shared/testdata/crs (or REMPART_TESTDATA). Report: tests/Rempart.Gateway.Tests/bin/Debug/net10.0/crs-gateway-regression-report.txt
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/Rempart.Gateway.Tests -c Debug -nologo -v q -clp:ErrorsOnly
REMPART_FTW_FULL=1 dotnet test tests/Rempart.Gateway.Tests --no-build -c Debug -nologo \
    --filter "FullyQualifiedName~CrsGatewayRegressionTests" --logger "console;verbosity=detailed" \
    | grep -E 'audit log kept|Passed!|Failed!' || true
cat tests/Rempart.Gateway.Tests/bin/Debug/net10.0/crs-gateway-regression-report.txt
