#!/usr/bin/env python3
"""Ranking-quality metrics for TREC run files (stdlib only).

Metrics (each averaged over every *judged* query, i.e. every qid that has at
least one qrels row with gain > 0; a judged query the run does not answer
scores 0 on everything):

  nDCG@10   graded: DCG = sum_{i=1..10} gain_i / log2(i + 1), gains exactly as
            in qrels (linear, not 2^g - 1); the ideal DCG sorts all of the
            query's qrels gains descending.
  MAP       mean average precision over the top 100 (depth 100):
            AP = sum over relevant docs at rank k <= 100 of P@k, divided by the
            number of relevant docs in qrels (gain > 0).
  P@10      relevant (gain > 0) docs in the top 10, divided by 10.
  R@100     relevant docs in the top 100 / relevant docs in qrels.
  MRR@10    1 / rank of the first relevant doc within the top 10 (0 if none);
            reported for comparison with the corpora README's BM25 figures.
  queries with results
            judged queries for which the run has at least one line.

Run order: lines are ordered by the run's rank column (ties by file order);
a docid repeated within one query keeps its first (best) position only.
Runs are cut at depth 100.

Usage:
  metrics.py QRELS RUN [RUN ...]        # one line of metrics per run
  metrics.py --json QRELS RUN [RUN ...]
"""
import json
import math
import sys
from collections import defaultdict

DEPTH = 100


def read_qrels(path):
    """qid -> {docid: gain}; rows with gain <= 0 are kept but count as non-relevant."""
    qrels = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n\r")
            if not line.strip():
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            if len(parts) == 4:  # classic TREC qrels: qid iter docid rel
                qid, _, docid, gain = parts
            elif len(parts) == 3:
                qid, docid, gain = parts
            else:
                raise ValueError(f"{path}:{lineno}: expected 3 or 4 columns, got {len(parts)}")
            qrels[qid][docid] = float(gain)
    return dict(qrels)


def read_run(path, depth=DEPTH):
    """qid -> [docid, ...] best first, deduplicated, cut at `depth`."""
    rows = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            parts = line.split()
            if not parts:
                continue
            if len(parts) < 6:
                raise ValueError(f"{path}:{lineno}: expected 'qid Q0 docid rank score tag'")
            qid, _, docid, rank = parts[0], parts[1], parts[2], parts[3]
            rows[qid].append((int(rank), lineno, docid))
    run = {}
    for qid, lst in rows.items():
        lst.sort()
        seen, ranked = set(), []
        for _, _, docid in lst:
            if docid in seen:
                continue
            seen.add(docid)
            ranked.append(docid)
            if len(ranked) == depth:
                break
        run[qid] = ranked
    return run


def dcg(gains):
    return sum(g / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg_at(ranked, judged, k=10):
    ideal = dcg(sorted((g for g in judged.values() if g > 0), reverse=True)[:k])
    if ideal <= 0:
        return 0.0
    return dcg([max(judged.get(d, 0.0), 0.0) for d in ranked[:k]]) / ideal


def average_precision(ranked, judged, depth=DEPTH):
    nrel = sum(1 for g in judged.values() if g > 0)
    if nrel == 0:
        return 0.0
    hits, total = 0, 0.0
    for i, d in enumerate(ranked[:depth], 1):
        if judged.get(d, 0) > 0:
            hits += 1
            total += hits / i
    return total / nrel


def precision_at(ranked, judged, k=10):
    return sum(1 for d in ranked[:k] if judged.get(d, 0) > 0) / k


def recall_at(ranked, judged, k=DEPTH):
    nrel = sum(1 for g in judged.values() if g > 0)
    if nrel == 0:
        return 0.0
    return sum(1 for d in ranked[:k] if judged.get(d, 0) > 0) / nrel


def rr_at(ranked, judged, k=10):
    for i, d in enumerate(ranked[:k], 1):
        if judged.get(d, 0) > 0:
            return 1.0 / i
    return 0.0


def evaluate(qrels, run):
    """Return dict of averaged metrics plus per-query details."""
    judged_qids = sorted(q for q, j in qrels.items() if any(g > 0 for g in j.values()))
    per_query = {}
    for q in judged_qids:
        ranked = run.get(q, [])
        j = qrels[q]
        per_query[q] = {
            "ndcg@10": ndcg_at(ranked, j, 10),
            "map": average_precision(ranked, j, DEPTH),
            "p@10": precision_at(ranked, j, 10),
            "r@100": recall_at(ranked, j, DEPTH),
            "mrr@10": rr_at(ranked, j, 10),
            "has_results": 1 if ranked else 0,
        }
    n = len(judged_qids)
    out = {"queries": n}
    for m in ("ndcg@10", "map", "p@10", "r@100", "mrr@10"):
        out[m] = sum(p[m] for p in per_query.values()) / n if n else 0.0
    out["with_results"] = sum(p["has_results"] for p in per_query.values())
    out["per_query"] = per_query
    return out


def main(argv):
    as_json = False
    if argv and argv[0] == "--json":
        as_json, argv = True, argv[1:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    qrels = read_qrels(argv[0])
    results = {}
    for path in argv[1:]:
        r = evaluate(qrels, read_run(path))
        results[path] = r
        if not as_json:
            print(f"{path}\tnDCG@10 {r['ndcg@10']:.4f}\tMAP {r['map']:.4f}\tP@10 {r['p@10']:.4f}\t"
                  f"R@100 {r['r@100']:.4f}\tMRR@10 {r['mrr@10']:.4f}\twith results {r['with_results']}/{r['queries']}")
    if as_json:
        json.dump({p: {k: v for k, v in r.items() if k != "per_query"} for p, r in results.items()},
                  sys.stdout, indent=1)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
