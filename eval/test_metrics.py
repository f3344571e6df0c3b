#!/usr/bin/env python3
"""Hand-computed checks for metrics.py.  Run: python3 -m unittest eval/test_metrics.py"""
import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import metrics  # noqa: E402


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def trec(qid, docs):
    return "".join(f"{qid} Q0 {d} {i} {100 - i} t\n" for i, d in enumerate(docs, 1))


class GradedCase(unittest.TestCase):
    # q1 judged: d1=3, d2=2, d3=1 ; run: d3, d1, dx
    judged = {"d1": 3.0, "d2": 2.0, "d3": 1.0}
    ranked = ["d3", "d1", "dx"]

    def test_ndcg(self):
        # DCG  = 1/log2(2) + 3/log2(3)              = 1 + 1.892789 = 2.892789
        # IDCG = 3/log2(2) + 2/log2(3) + 1/log2(4)  = 3 + 1.261860 + 0.5 = 4.761860
        self.assertAlmostEqual(metrics.ndcg_at(self.ranked, self.judged), 2.892789 / 4.761860, places=5)
        self.assertAlmostEqual(metrics.ndcg_at(self.ranked, self.judged), 0.607493, places=5)

    def test_ndcg_perfect_and_empty(self):
        self.assertAlmostEqual(metrics.ndcg_at(["d1", "d2", "d3"], self.judged), 1.0)
        self.assertEqual(metrics.ndcg_at([], self.judged), 0.0)

    def test_ndcg_cut_at_10(self):
        # only relevant doc at rank 11 -> 0
        self.assertEqual(metrics.ndcg_at([f"x{i}" for i in range(10)] + ["d1"], self.judged), 0.0)
        # single relevant (gain 1) at rank 3 -> 1/log2(4) / 1 = 0.5
        self.assertAlmostEqual(metrics.ndcg_at(["a", "b", "r"], {"r": 1.0}), 0.5)

    def test_ap_p10_recall_rr(self):
        # relevant at ranks 1 and 2, 3 relevant in qrels: AP = (1/1 + 2/2) / 3
        self.assertAlmostEqual(metrics.average_precision(self.ranked, self.judged), 2 / 3)
        self.assertAlmostEqual(metrics.precision_at(self.ranked, self.judged), 0.2)
        self.assertAlmostEqual(metrics.recall_at(self.ranked, self.judged), 2 / 3)
        self.assertAlmostEqual(metrics.rr_at(self.ranked, self.judged), 1.0)


class BinaryCase(unittest.TestCase):
    def test_ap_binary(self):
        judged = {"a": 1, "b": 1, "c": 1, "d": 1}
        ranked = ["x", "a", "y", "b"]
        # (1/2 + 2/4) / 4 = 0.25
        self.assertAlmostEqual(metrics.average_precision(ranked, judged), 0.25)
        self.assertAlmostEqual(metrics.rr_at(ranked, judged), 0.5)
        self.assertAlmostEqual(metrics.recall_at(ranked, judged), 0.5)

    def test_depth_100(self):
        judged = {"r": 1}
        ranked = [f"x{i}" for i in range(100)] + ["r"]
        self.assertEqual(metrics.average_precision(ranked, judged), 0.0)
        self.assertEqual(metrics.recall_at(ranked, judged), 0.0)
        ranked = [f"x{i}" for i in range(99)] + ["r"]
        self.assertAlmostEqual(metrics.average_precision(ranked, judged), 1 / 100)
        self.assertAlmostEqual(metrics.recall_at(ranked, judged), 1.0)

    def test_zero_gain_rows_are_not_relevant(self):
        judged = {"a": 0, "b": 2}
        self.assertAlmostEqual(metrics.precision_at(["a", "b"], judged), 0.1)
        # ideal ignores the 0-gain row: DCG = 2/log2(3), IDCG = 2
        self.assertAlmostEqual(metrics.ndcg_at(["a", "b"], judged), (2 / 1.5849625007) / 2, places=6)


class FilesCase(unittest.TestCase):
    def test_end_to_end(self):
        with tempfile.TemporaryDirectory() as tmp:
            qrels = write(tmp, "qrels.tsv",
                          "q1\td1\t3\nq1\td2\t2\nq1\td3\t1\n"
                          "q2\td5\t1\n"
                          "q3\td9\t0\n")  # q3 has no relevant doc: not a judged query
            # q1 lines out of order and with a duplicate; q2 missing; q4 unjudged
            run = write(tmp, "run.trec",
                        "q1 Q0 dx 3 1.0 t\n"
                        "q1 Q0 d3 1 3.0 t\n"
                        "q1 Q0 d1 2 2.0 t\n"
                        "q1 Q0 d3 4 0.5 t\n"
                        "q4 Q0 d1 1 9.0 t\n")
            r = metrics.evaluate(metrics.read_qrels(qrels), metrics.read_run(run))
            self.assertEqual(r["queries"], 2)
            self.assertEqual(r["with_results"], 1)
            self.assertAlmostEqual(r["ndcg@10"], 0.607493 / 2, places=5)
            self.assertAlmostEqual(r["map"], (2 / 3) / 2)
            self.assertAlmostEqual(r["p@10"], 0.2 / 2)
            self.assertAlmostEqual(r["r@100"], (2 / 3) / 2)
            self.assertAlmostEqual(r["mrr@10"], 0.5)

    def test_read_run_dedup_and_depth(self):
        with tempfile.TemporaryDirectory() as tmp:
            run = write(tmp, "run.trec", trec("q", ["a", "b", "a"] + [f"x{i}" for i in range(200)]))
            ranked = metrics.read_run(run)["q"]
            self.assertEqual(ranked[:3], ["a", "b", "x0"])
            self.assertEqual(len(ranked), 100)


if __name__ == "__main__":
    unittest.main()
