#!/usr/bin/env python3
"""Known-item search on the Wikipedia leads: short queries that name one article.

  known_items.py make [--docs N] [--seed 22] [--per-kind 300] [OUT_DIR]
  known_items.py score [OUT_DIR] [RUN_DIR]

`make` writes a corpus folder (docs.jsonl, queries.tsv, qrels.tsv) that `eval/run.sh` can run
like any other (CORPORA_DIR=eval/out eval/run.sh known-items). Queries, each with one relevant
document (the article it was made from), in four kinds, the qid's prefix:

  t   the article's title (titles unique in the corpus, one to four words)
  p   a distinctive phrase of its lead: the two or three adjacent words, none a stop word or a
      title word, with the highest summed idf among the lead's first 60 words
  tm, pm  the same query with one word (4+ letters) replaced by a real misspelling of it from
      ../shared/corpora/misspellings (Birkbeck, Wikipedia common misspellings) that is not
      itself a word of the corpus; queries with no such word have no misspelled twin

Everything is drawn with random.Random(seed), so the set is the same on every machine.
--docs N keeps a seeded sample of N documents (always including every target article) for
peers too slow for the whole 63k; the default keeps them all.

`score` prints MRR@10 per engine and kind from RUN_DIR/known-items.<engine>.trec.
"""
import collections
import gzip
import json
import math
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPORA = os.environ.get("CORPORA_DIR", os.path.join(HERE, "../../shared/corpora"))
WORD = re.compile(r"\w+", re.UNICODE)
ENGINES = ["folio", "bm25-plain", "bm25-snowball", "lunr", "minisearch", "pagefind"]
KINDS = ["t", "tm", "p", "pm"]
# A short English stop list (the words a distinctive phrase must not contain).
STOP = set(
    "a an and are as at be been but by for from had has have he her his in is it its of on or "
    "that the their there they this to was were which who will with also after first one two "
    "into not other she than then these was when where while most more such may can".split()
)


def words(text):
    return [w.lower() for w in WORD.findall(text)]


def misspellings():
    by_word = collections.defaultdict(set)
    for name in ("birkbeck.tsv", "wikipedia_common.tsv"):
        with open(os.path.join(CORPORA, "misspellings", name), encoding="utf-8") as f:
            next(f)
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 2 and WORD.fullmatch(parts[0]) and WORD.fullmatch(parts[1]):
                    by_word[parts[1].lower()].add(parts[0].lower())
    return by_word


def misspell(query, by_word, vocab, rng):
    """The query with one word replaced by a real misspelling of it, or None."""
    tokens = WORD.findall(query)
    choices = [i for i, t in enumerate(tokens) if len(t) >= 4 and t.isalpha() and by_word.get(t.lower())]
    rng.shuffle(choices)
    for i in choices:
        options = sorted(w for w in by_word[tokens[i].lower()] if w not in vocab)
        if options:
            tokens[i] = rng.choice(options)
            return " ".join(tokens)
    return None


def make(out, n_docs, seed, per_kind):
    rng = random.Random(seed)
    with gzip.open(os.path.join(CORPORA, "wikipedia-en-leads", "docs.jsonl.gz"), "rt", encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    df = collections.Counter()
    for d in docs:
        df.update(set(words(d["title"] + " " + d["body"])))
    n = len(docs)
    idf = {w: math.log(n / c) for w, c in df.items()}
    titles = collections.Counter(d["title"].lower() for d in docs)
    by_word = misspellings()
    order = list(range(n))
    rng.shuffle(order)
    queries, used = [], set()
    n_t = n_p = 0
    for i in order:
        if n_t >= per_kind and n_p >= per_kind:
            break
        d = docs[i]
        title_words = words(d["title"])
        lead = words(d["body"])[:60]
        if titles[d["title"].lower()] != 1 or not 1 <= len(title_words) <= 4 or len(lead) < 20:
            continue
        if n_t < per_kind:
            queries.append((f"t{n_t:04d}", d["title"], d["id"]))
            n_t += 1
        elif n_p < per_kind:
            best = None
            for size in (2, 3):
                for s in range(len(lead) - size + 1):
                    window = lead[s : s + size]
                    if any(w in STOP or w in title_words or len(w) < 3 or w.isdigit() for w in window):
                        continue
                    score = sum(idf.get(w, 0.0) for w in window)
                    if best is None or score > best[0]:
                        best = (score, " ".join(window))
            if best is None:
                continue
            queries.append((f"p{n_p:04d}", best[1], d["id"]))
            n_p += 1
        used.add(d["id"])
    vocab = set(df)
    typos = []
    for qid, text, doc in queries:
        wrong = misspell(text, by_word, vocab, rng)
        if wrong is not None:
            typos.append((qid[0] + "m" + qid[1:], wrong, doc))
    queries += typos
    keep = docs
    if n_docs and n_docs < n:
        others = [d for d in docs if d["id"] not in used]
        rng.shuffle(others)
        keep_ids = used | {d["id"] for d in others[: max(0, n_docs - len(used))]}
        keep = [d for d in docs if d["id"] in keep_ids]
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "docs.jsonl"), "w", encoding="utf-8") as f:
        for d in keep:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as f, open(
        os.path.join(out, "qrels.tsv"), "w", encoding="utf-8"
    ) as g:
        for qid, text, doc in queries:
            f.write(f"{qid}\t{text}\n")
            g.write(f"{qid}\t{doc}\t1\n")
    counts = collections.Counter(re.match(r"[a-z]+", q[0]).group(0) for q in queries)
    print(f"known-items: {len(keep)} docs, queries {dict(counts)} (seed {seed}) in {out}", file=sys.stderr)


def score(corpus, runs):
    qrels = {}
    with open(os.path.join(corpus, "qrels.tsv"), encoding="utf-8") as f:
        for line in f:
            qid, doc, _ = line.rstrip("\n").split("\t")
            qrels[qid] = doc
    print(f"known-item MRR@10 ({len(qrels)} queries, {corpus})")
    print("| engine | " + " | ".join(KINDS) + " |")
    print("|---|" + "--:|" * len(KINDS))
    counts = collections.Counter(re.match(r"[a-z]+", q).group(0) for q in qrels)
    for engine in ENGINES:
        path = os.path.join(runs, f"known-items.{engine}.trec")
        if not os.path.exists(path):
            continue
        ranked = collections.defaultdict(list)
        with open(path, encoding="utf-8") as f:
            for line in f:
                qid, _, doc, rank, *_ = line.split()
                ranked[qid].append((int(rank), doc))
        sums = collections.Counter()
        for qid, doc in qrels.items():
            kind = re.match(r"[a-z]+", qid).group(0)
            top = [d for _, d in sorted(ranked.get(qid, []))][:10]
            sums[kind] += 1.0 / (top.index(doc) + 1) if doc in top else 0.0
        cells = [f"{sums[k] / counts[k]:.4f}" if counts[k] else "-" for k in KINDS]
        print(f"| {engine} | " + " | ".join(cells) + " |")
    print("kinds: t title, p phrase, m with a real misspelling; " + ", ".join(f"{k} {counts[k]}" for k in KINDS))


def main():
    args = sys.argv[1:]
    if not args or args[0] not in ("make", "score"):
        sys.exit(__doc__)
    opts = {"--docs": 0, "--seed": 22, "--per-kind": 300}
    rest = []
    it = iter(args[1:])
    for a in it:
        if a in opts:
            opts[a] = int(next(it))
        else:
            rest.append(a)
    out = rest[0] if rest else os.path.join(HERE, "out", "known-items")
    if args[0] == "make":
        make(out, opts["--docs"], opts["--seed"], opts["--per-kind"])
    else:
        score(out, rest[1] if len(rest) > 1 else os.path.join(HERE, "out"))


if __name__ == "__main__":
    main()
