#!/usr/bin/env python3
"""Print one markdown quality table per corpus from the runs in eval/out/.

  report.py --corpora-dir /work/shared/corpora --out eval/out cranfield cisi xquad-en xquad-ru

Looks for <out>/<corpus>.<engine>.trec for each engine in ENGINES (missing runs
are listed as "not run"), scores them with metrics.py against <corpus>/qrels.tsv,
sanity-checks that every qid/docid in a run exists in the corpus, lists the
judged queries an engine left without results, and, when both xquad-en and
xquad-ru are present, prints the ru-minus-en nDCG@10 gap per engine.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics  # noqa: E402

ENGINES = ["folio", "bm25-plain", "bm25-snowball", "lunr", "minisearch", "pagefind"]
SHOW_EMPTY = 12  # list at most this many result-less qids per engine


def corpus_ids(corpus_dir):
    ids = set()
    with open(os.path.join(corpus_dir, "docs.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                ids.add(str(json.loads(line)["id"]))
    qids = []
    with open(os.path.join(corpus_dir, "queries.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                qids.append(line.split("\t", 1)[0])
    return ids, qids


def check_run(path, docids, qids):
    bad_docs, bad_qids = set(), set()
    qset = set(qids)
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 3:
                if p[0] not in qset:
                    bad_qids.add(p[0])
                if p[2] not in docids:
                    bad_docs.add(p[2])
    return bad_docs, bad_qids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora-dir", default="/work/shared/corpora")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("corpora", nargs="+")
    a = ap.parse_args()
    engines = [e for e in a.engines.split(",") if e]

    ndcg = {}  # (corpus, engine) -> nDCG@10
    for corpus in a.corpora:
        cdir = os.path.join(a.corpora_dir, corpus)
        qrels = metrics.read_qrels(os.path.join(cdir, "qrels.tsv"))
        docids, qids = corpus_ids(cdir)
        judged = sum(1 for j in qrels.values() if any(g > 0 for g in j.values()))
        print(f"\n### {corpus} ({len(docids)} docs, {judged} judged queries, run depth {metrics.DEPTH})\n")
        print("| engine | nDCG@10 | MAP | P@10 | R@100 | queries with results |")
        print("|---|--:|--:|--:|--:|--:|")
        notes = []
        for e in engines:
            path = os.path.join(a.out, f"{corpus}.{e}.trec")
            if not os.path.exists(path):
                print(f"| {e} | – | – | – | – | not run |")
                continue
            r = metrics.evaluate(qrels, metrics.read_run(path))
            ndcg[(corpus, e)] = r["ndcg@10"]
            print(f"| {e} | {r['ndcg@10']:.4f} | {r['map']:.4f} | {r['p@10']:.4f} | {r['r@100']:.4f} | "
                  f"{r['with_results']}/{r['queries']} |")
            bad_docs, bad_qids = check_run(path, docids, qids)
            if bad_docs:
                notes.append(f"- **{e}**: {len(bad_docs)} docids not in the corpus, e.g. {sorted(bad_docs)[:5]}")
            if bad_qids:
                notes.append(f"- **{e}**: {len(bad_qids)} qids not in queries.tsv, e.g. {sorted(bad_qids)[:5]}")
            empty = [q for q, p in r["per_query"].items() if not p["has_results"]]
            if empty and e in ("folio", "bm25-plain", "bm25-snowball"):
                more = f" (+{len(empty) - SHOW_EMPTY} more)" if len(empty) > SHOW_EMPTY else ""
                notes.append(f"- {e}: no results for qid {', '.join(empty[:SHOW_EMPTY])}{more}")
        if notes:
            print()
            print("\n".join(notes))

    if "xquad-en" in a.corpora and "xquad-ru" in a.corpora:
        parts = []
        for e in engines:
            if ("xquad-en", e) in ndcg and ("xquad-ru", e) in ndcg:
                en, ru = ndcg[("xquad-en", e)], ndcg[("xquad-ru", e)]
                parts.append(f"{e} {ru - en:+.4f} (ru {ru:.4f} / en {en:.4f})")
        print("\n**xquad ru − en nDCG@10 gap:** " + "; ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
