#!/usr/bin/env bash
# The demo: install what is missing, build the wasm, serve www/ on 127.0.0.1:$PORT (default 8080).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
bash scripts/build-web.sh

export PORT=${PORT:-8080}
printf "\ndemo: building done; starting the server (Ctrl+C to stop)\n"
exec node scripts/serve.mjs www
