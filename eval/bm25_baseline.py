#!/usr/bin/env python3
"""Plain BM25 baseline that writes a TREC run file.

  k1 = 1.2, b = 0.75, one field = title + " " + body, tokens = lowercase \\w+
  (Python's Unicode \\w), no stopwords. idf = ln(1 + (N - df + 0.5) / (df + 0.5))
  (the Lucene form, never negative). Each distinct query term counts once.
  Every document matching at least one query term is ranked (OR); ties are
  broken by corpus order. Depth 100 by default.

  --stem adds Snowball stemming (PyPI `snowballstemmer`) to documents and
  queries; the language is --lang, else the most common "lang" in docs.jsonl
  (en -> english, ru -> russian).

Usage:
  bm25_baseline.py DOCS.jsonl QUERIES.tsv --run OUT.trec [--stem] [--lang ru] [--limit 100]
"""
import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict

TOKEN = re.compile(r"\w+")
LANGS = {"en": "english", "ru": "russian"}


def read_docs(path):
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                docs.append(json.loads(line))
    return docs


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n\r")
            if not line.strip():
                continue
            qid, _, text = line.partition("\t")
            out.append((qid, text))
    return out


def make_analyzer(stem_lang=None):
    if stem_lang is None:
        return lambda text: TOKEN.findall(text.lower())
    import snowballstemmer  # noqa: PLC0415 (only needed with --stem)

    stemmer = snowballstemmer.stemmer(stem_lang)
    cache = {}

    def analyze(text):
        out = []
        for t in TOKEN.findall(text.lower()):
            s = cache.get(t)
            if s is None:
                s = cache[t] = stemmer.stemWord(t)
            out.append(s)
        return out

    return analyze


class BM25:
    def __init__(self, docs, analyze, k1=1.2, b=0.75):
        self.k1, self.b, self.analyze = k1, b, analyze
        self.ids = [d["id"] for d in docs]
        self.postings = defaultdict(list)  # term -> [(doc_index, tf)]
        self.lengths = []
        for i, d in enumerate(docs):
            toks = analyze((d.get("title") or "") + " " + (d.get("body") or ""))
            self.lengths.append(len(toks))
            for t, tf in Counter(toks).items():
                self.postings[t].append((i, tf))
        self.n = len(docs)
        self.avgdl = (sum(self.lengths) / self.n) if self.n else 0.0

    def idf(self, df):
        return math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))

    def search(self, text, limit=100):
        scores = defaultdict(float)
        for t in dict.fromkeys(self.analyze(text)):  # distinct terms, query order
            plist = self.postings.get(t)
            if not plist:
                continue
            idf = self.idf(len(plist))
            for i, tf in plist:
                norm = self.k1 * (1.0 - self.b + self.b * self.lengths[i] / self.avgdl)
                scores[i] += idf * tf * (self.k1 + 1.0) / (tf + norm)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [(self.ids[i], s) for i, s in ranked[:limit]]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("docs")
    ap.add_argument("queries")
    ap.add_argument("--run", required=True, help="output TREC run file")
    ap.add_argument("--stem", action="store_true", help="Snowball-stem docs and queries")
    ap.add_argument("--lang", help="en or ru (default: most common doc lang)")
    ap.add_argument("--limit", type=int, default=100)
    ap.add_argument("--tag", help="run tag (default bm25-plain / bm25-snowball)")
    a = ap.parse_args(argv)

    docs = read_docs(a.docs)
    stem_lang = None
    if a.stem:
        lang = a.lang or Counter(d.get("lang", "en") for d in docs).most_common(1)[0][0]
        if lang not in LANGS:
            sys.exit(f"bm25_baseline: no Snowball stemmer mapped for lang {lang!r}")
        stem_lang = LANGS[lang]
    tag = a.tag or ("bm25-snowball" if a.stem else "bm25-plain")
    index = BM25(docs, make_analyzer(stem_lang))
    with open(a.run, "w", encoding="utf-8") as out:
        for qid, text in read_queries(a.queries):
            for rank, (docid, score) in enumerate(index.search(text, a.limit), 1):
                out.write(f"{qid} Q0 {docid} {rank} {score:.6f} {tag}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
