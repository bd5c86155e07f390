#!/usr/bin/env python3
"""French parse for `iagraph extract`: spaCy in, CoNLL-U (Universal Dependencies) out.

Reads documents on stdin as JSON lines, {"id": "...", "text": "..."}, and
writes one CoNLL-U stream on stdout: `# newdoc id = ...` per document, in
the order they came, then its sentences with `# sent_id`, `# text`, and in
MISC `TokenRange=START:END` (character offsets in the document, UDPipe's
convention), `SpaceAfter=No`, and the named entities as IOB tags
`NER=B-ORG` / `NER=I-ORG`. Every sentence ends with its blank line.

It streams: stdout is flushed after each batch of lines parsed, so the
reader gets the first sentences while later ones are being parsed, and
neither side holds more than a batch (a document holds one line at most).
A stream that stops inside a sentence is a parse cut short.

Usage: parse-fr.py [--model fr_core_news_md] [--batch-size 64] [--install CMD] < docs.jsonl
Exit status 3 with one line on stderr when spaCy or the model is missing;
2 when a line of stdin is not a document.

Each line of a document is parsed on its own (articles put one paragraph per
line), a longer one in pieces of at most 10^4 characters (spaCy caps a text
at 10^6 and needs about 1 GB per 10^5); the lines of all documents go
through one nlp.pipe, in batches.
"""
import argparse
import json
import sys



FINAL = {".", "!", "?", "…", "?!", "!?"}


# No sentence of the press runs to 300 words: a longer run without a final
# mark is no sentence (a list, a table, garbage), and reading its tree costs
# the square of its length; it is cut every MAX_SENTENCE tokens.
MAX_SENTENCE = 300


def sentence_ends(doc):
    """Marks where sentences start: after a final mark and the closing
    quotes or brackets that follow it, and after a dateline; nowhere else,
    but every MAX_SENTENCE tokens of a run without one."""
    start = 1
    # A dateline (« TOULOUSE, 2 décembre 2025 – ») is no part of the first
    # sentence: the sentence starts after its dash.
    if len(doc) > 2 and doc[0].is_upper and len(doc[0].text) > 2 and doc[1].text == ",":
        dash = next((t for t in doc[2:12] if t.text in {"–", "—", "-"}), None)
        if dash is not None and dash.i + 1 < len(doc):
            for token in doc[1 : dash.i + 1]:
                token.is_sent_start = False
            doc[dash.i + 1].is_sent_start = True
            start = dash.i + 2
    ended = False
    length = 0
    for token in doc[start:]:
        length += 1
        if token.text in FINAL:
            ended = True
            token.is_sent_start = False
        elif token.is_punct and ended:
            token.is_sent_start = False
        else:
            token.is_sent_start = (ended or length > MAX_SENTENCE) and not token.is_space
            ended = ended and token.is_space
        if token.is_sent_start:
            length = 0
    return doc


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="fr_core_news_md")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--check", action="store_true", help="load the model, then exit")
    parser.add_argument("--install", help="the command that installs spaCy and the model")
    args = parser.parse_args()
    # The protocol is UTF-8, whatever the locale says.
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8", newline="\n")
    install = args.install or "python3 -m pip install spacy " + args.model.replace("_", "-")
    try:
        import spacy
    except ImportError:
        print(f"spaCy is not installed: {install}", file=sys.stderr)
        sys.exit(3)
    from spacy.language import Language

    Language.component("sentence_ends", func=sentence_ends)
    try:
        nlp = spacy.load(args.model)
    except OSError:
        print(f"the spaCy model {args.model} is not installed: {install}", file=sys.stderr)
        sys.exit(3)
    # spaCy's French tokenizer cuts these at the hyphen, and the parse goes
    # wrong around them; they are one word of the press.
    for word in ("start-up", "start-ups", "Start-up", "Start-ups", "jeune-pousse", "jeunes-pousses"):
        nlp.tokenizer.add_special_case(word, [{"ORTH": word}])
    # Sentences end at their final punctuation, and only there: the parser
    # of the small models also cuts inside a coordination (« Airbus et la
    # région Occitanie | financent … »), and no rule after the parse can mend
    # that. spaCy's parser keeps boundaries set before it.
    nlp.add_pipe("sentence_ends", before="parser")
    if args.check:
        return
    out = sys.stdout
    written = 0
    current = None
    sent_number = 0
    pipe = nlp.pipe(paragraphs(sys.stdin), as_tuples=True, batch_size=args.batch_size)
    for doc, (doc_id, base, first) in pipe:
        if first:
            out.write(f"# newdoc id = {doc_id}\n")
            current, sent_number = doc_id, 0
        for sent in doc.sents:
            words = [t for t in sent if not t.is_space]
            if not words:
                continue
            sent_number += 1
            first_char = words[0].idx
            last_char = words[-1].idx + len(words[-1].text)
            sent_text = doc.text[first_char:last_char].replace("\n", " ")
            out.write(f"# sent_id = {current}-{sent_number}\n# text = {sent_text}\n")
            index = {t.i: n for n, t in enumerate(words, 1)}
            for n, t in enumerate(words, 1):
                head = 0 if t.head.i == t.i or t.head.i not in index else index[t.head.i]
                dep = "root" if head == 0 else (t.dep_ or "dep")
                misc = [f"TokenRange={base + t.idx}:{base + t.idx + len(t.text)}"]
                nxt = t.i + 1
                if nxt < len(doc) and not t.whitespace_ and not doc[nxt].is_space:
                    misc.append("SpaceAfter=No")
                if t.ent_iob_ in ("B", "I"):
                    misc.append(f"NER={t.ent_iob_}-{t.ent_type_}")
                feats = str(t.morph) or "_"
                cols = [
                    str(n), t.text, t.lemma_ or "_", t.pos_ or "X", t.tag_ or "_",
                    feats, str(head), dep, "_", "|".join(misc),
                ]
                out.write("\t".join(c.replace("\t", " ") for c in cols) + "\n")
            out.write("\n")
        # A batch parsed is a batch handed over: the reader works while
        # the next one is parsed.
        written += 1
        if written % args.batch_size == 0:
            out.flush()
    out.flush()


def paragraphs(lines):
    """The non-blank lines of each document of `lines` (JSON lines), as
    (text, (id, offset of the line in the document, whether it is the
    document's first)); a document with none gives one empty text, so that
    its `# newdoc` is written all the same."""
    for line_number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            doc_in = json.loads(raw)
            doc_id, text = str(doc_in["id"]), str(doc_in["text"])
        except (ValueError, KeyError, TypeError) as e:
            print(f"stdin line {line_number}: not a document: {e}", file=sys.stderr)
            sys.exit(2)
        first = True
        offset = 0
        for para in text.split("\n"):
            for start, piece in pieces(para):
                if piece.strip():
                    yield piece, (doc_id, offset + start, first)
                    first = False
            offset += len(para) + 1
        if first:
            yield "", (doc_id, 0, True)


# spaCy refuses a text over nlp.max_length (10^6 characters) and needs about
# 1 GB per 10^5 to parse one, and a batch holds many: a longer paragraph is
# parsed in pieces of 10^4.
MAX_PIECE = 10_000


def pieces(para, limit=MAX_PIECE):
    """`para` cut into (offset, piece) of at most `limit` characters: after
    the last final punctuation and space before the limit, else the last
    space, else at the limit."""
    start = 0
    while len(para) - start > limit:
        window = para[start : start + limit]
        cut = max(window.rfind(mark + " ") for mark in FINAL if len(mark) == 1)
        cut = cut + 2 if cut > 0 else window.rfind(" ") + 1
        if cut <= 0:
            cut = limit
        yield start, para[start : start + cut]
        start += cut
    yield start, para[start:]

if __name__ == "__main__":
    main()
