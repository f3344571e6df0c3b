#!/usr/bin/env python3
"""How many real misspellings still find a document that contains the word the writer meant.

For every (misspelling, correct) pair of ../shared/corpora/misspellings whose correct word occurs
in the corpus and whose misspelling does not, Folio is asked for the misspelling alone (top 10, no
prefix matching), and the pair counts as found when a hit contains the correct word.
Pairs are split by the edit budget Folio allows (0 edits below 4 letters, 1 from 4, 2 from 9;
`--old-budget`: 0 below 5, 1 from 5, 2 from 9, the budget before issue 22) and by
Damerau-Levenshtein distance, so the table says what typo tolerance buys and where it stops.
(From 5 letters, a word with no correction within budget may also match one a further edit away
when that correction is made of likely slips; those pairs count as beyond budget.)

usage: eval/misspellings.py [--old-budget] [--failures FILE] <folio binary> <corpus.jsonl[.gz]> <index dir> [misspellings dir]

--failures FILE writes the pairs not found (misspelling, correct word, distance, budget, the top
hits' ids) as TSV, to see why they were missed.
"""
import collections
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile

WORD = re.compile(r"\w+", re.UNICODE)


def damerau(a, b):
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


OLD_BUDGET = False


def budget(word):
    n = len(word)
    if OLD_BUDGET:
        return 0 if n < 5 else 1 if n < 9 else 2
    return 0 if n < 4 else 1 if n < 9 else 2


def main():
    global OLD_BUDGET
    if "--old-budget" in sys.argv:
        sys.argv.remove("--old-budget")
        OLD_BUDGET = True
    failures = None
    if "--failures" in sys.argv:
        at = sys.argv.index("--failures")
        failures = sys.argv[at + 1]
        del sys.argv[at : at + 2]
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    folio, corpus, index = sys.argv[1:4]
    miss_dir = sys.argv[4] if len(sys.argv) > 4 else os.path.join(os.path.dirname(__file__), "../../shared/corpora/misspellings")
    opener = gzip.open if corpus.endswith(".gz") else open
    doc_words = {}
    vocab = collections.Counter()
    with opener(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            words = set(w.lower() for w in WORD.findall(d.get("title", "") + " " + d.get("body", "")))
            doc_words[str(d["id"])] = words
            vocab.update(words)
    pairs = []
    for name in ("birkbeck.tsv", "wikipedia_common.tsv"):
        with open(os.path.join(miss_dir, name), encoding="utf-8") as f:
            next(f)
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 2:
                    continue
                wrong, right = parts[0].lower(), parts[1].lower()
                if WORD.fullmatch(wrong) and WORD.fullmatch(right) and right in vocab and wrong not in vocab:
                    pairs.append((wrong, right))
    pairs = sorted(set(pairs))
    with tempfile.TemporaryDirectory() as tmp:
        queries = os.path.join(tmp, "q.tsv")
        run = os.path.join(tmp, "run.trec")
        with open(queries, "w", encoding="utf-8") as f:
            for i, (wrong, _) in enumerate(pairs):
                f.write(f"{i}\t{wrong}\n")
        subprocess.run([folio, "search", index, "--queries", queries, "--run", run, "--limit", "10"], check=True)
        hits = collections.defaultdict(list)
        with open(run, encoding="utf-8") as f:
            for line in f:
                qid, _, doc, *_ = line.split()
                hits[int(qid)].append(doc)
    table = collections.defaultdict(lambda: [0, 0])
    missed = []
    for i, (wrong, right) in enumerate(pairs):
        found = any(right in doc_words.get(doc, ()) for doc in hits.get(i, []))
        distance = damerau(wrong, right)
        if not found:
            missed.append(f"{wrong}\t{right}\t{distance}\t{budget(wrong)}\t{' '.join(hits.get(i, []))}\n")
        key = (f"budget {budget(wrong)}", "within budget" if distance <= budget(wrong) else "beyond budget")
        table[key][0] += found
        table[key][1] += 1
        table[("all", "")][0] += found
        table[("all", "")][1] += 1
    if failures:
        with open(failures, "w", encoding="utf-8") as f:
            f.write("misspelling\tcorrect\tdistance\tbudget\ttop hits\n")
            f.writelines(missed)
    print(f"misspellings: {len(pairs)} pairs whose correct word is in {corpus} and whose misspelling is not")
    print("| pairs | found | of | share |")
    print("|---|--:|--:|--:|")
    for key in sorted(table):
        found, total = table[key]
        print(f"| {' '.join(key).strip()} | {found} | {total} | {found / total:.1%} |")


if __name__ == "__main__":
    main()
