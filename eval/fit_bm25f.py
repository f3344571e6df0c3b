#!/usr/bin/env python3
"""What fitting BM25F's parameters per corpus would gain, measured without fitting to the test.

  eval/fit_bm25f.py <folio binary> <corpus> [<corpus> ...]

Only the DEV half of each query set is public (../shared/corpora/README.md), so this splits it
again: each qid goes to fold A or B by the parity of the first byte of its MD5 (no seed, the same
on every machine). For every setting of a fixed grid (k1, the title's weight, the body's b; the
other fields keep their defaults) the corpus is indexed with that folio.toml and searched; the
setting with the best mean nDCG@10 on fold A is scored on fold B, and the other way round. The
table gives, per corpus, the defaults and the fitted setting on the fold it was not fitted on.
A gain that shows on the held-out folds would be worth fitting at index time; none is not.
"""
import hashlib
import itertools
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import metrics  # noqa: E402

CORPORA = os.environ.get("CORPORA_DIR", os.path.join(HERE, "../../shared/corpora"))
DEFAULT = (2.0, 2.0, 0.75)
GRID = list(itertools.product([1.2, 2.0, 3.0], [1.5, 2.0, 3.0], [0.5, 0.75, 0.9]))


def fold(qid):
    return "AB"[hashlib.md5(qid.encode()).digest()[0] % 2]


def per_query_ndcg(folio, corpus, setting, tmp):
    k1, title, body_b = setting
    config = os.path.join(tmp, "folio.toml")
    with open(config, "w", encoding="utf-8") as f:
        f.write(f"[ranking]\nk1 = {k1}\n\n[fields.title]\nweight = {title}\n\n[fields.body]\nb = {body_b}\n")
    index, run = os.path.join(tmp, "index"), os.path.join(tmp, "run.trec")
    subprocess.run(["rm", "-rf", index], check=True)
    docs = os.path.join(CORPORA, corpus, "docs.jsonl")
    subprocess.run([folio, "index", docs, "--out", index, "--config", config], check=True, capture_output=True)
    queries = os.path.join(CORPORA, corpus, "queries.tsv")
    subprocess.run([folio, "search", index, "--queries", queries, "--run", run, "--limit", "100"], check=True, capture_output=True)
    qrels = metrics.read_qrels(os.path.join(CORPORA, corpus, "qrels.tsv"))
    ranked = metrics.read_run(run)
    judged = [q for q, gains in qrels.items() if any(g > 0 for g in gains.values())]
    return {q: metrics.ndcg_at(ranked.get(q, []), qrels[q], 10) for q in judged}


def mean(scores, which):
    values = [v for q, v in scores.items() if fold(q) == which]
    return sum(values) / len(values) if values else 0.0


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    folio = sys.argv[1]
    print("| corpus | fold held out | defaults (k1, title weight, body b) | fitted on the other fold | fitted setting |")
    print("|---|---|--:|--:|---|")
    for corpus in sys.argv[2:]:
        with tempfile.TemporaryDirectory() as tmp:
            scores = {s: per_query_ndcg(folio, corpus, s, tmp) for s in GRID}
        for held, fit in (("B", "A"), ("A", "B")):
            best = max(GRID, key=lambda s: (mean(scores[s], fit), s == DEFAULT))
            print(f"| {corpus} | {held} | {mean(scores[DEFAULT], held):.4f} | {mean(scores[best], held):.4f} | {best} |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
