"""Tests of the Python stage example: its functions, then the program through the real textpipe
binary (TEXTPIPE_BIN, or .build/debug/textpipe at the repository root; build it first).

    python3 -m unittest discover -s Examples/PythonStage/tests -v
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE / "stages"))
import newsdesk  # noqa: E402

BINARY = Path(os.environ.get("TEXTPIPE_BIN", ROOT / ".build" / "debug" / "textpipe"))


class Functions(unittest.TestCase):
    def test_datelines(self):
        cases = [
            ("BERLIN, March 3 (Meridian) - Germany unveiled", {"place": "Berlin", "agency": "Meridian", "date": "March 3", "start": 0, "end": 6}),
            ("Intro.\n\nNEW YORK (Wire) — Stocks rose", {"place": "New York", "agency": "Wire", "start": 8, "end": 16}),
            ("Berlin, March 3 - no agency, no capitals", None),
            ("The BERLIN (Meridian) - not at a paragraph start", None),
        ]
        for text, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(newsdesk.dateline(text), expected)

    def test_readability(self):
        easy = newsdesk.readability("The cat sat. The dog ran.", 2, "en")
        hard = newsdesk.readability("Intergovernmental institutionalisation notwithstanding, "
                                    "parliamentary deliberations necessitated extraordinary considerations.", 1, "en")
        self.assertGreater(easy["flesch"], 90)
        self.assertLess(hard["flesch"], 0)
        self.assertEqual(easy["words"], 6)
        self.assertNotIn("flesch", newsdesk.readability("Der Hund lief.", 1, "de"))

    def test_answers(self):
        doc = {"id": "x", "text": "PARIS (Agence) - Zoé’s café opened. It was busy.", "sentences": [[0, 36], [37, 49]],
               "entities": [{"start": 17, "end": 22, "type": "PERSON", "text": "Zoé’s"}], "meta": {"language": "en"}}
        answer = newsdesk.process(doc, min_words=3)
        self.assertEqual(answer["custom"]["dateline"]["place"], "Paris")
        self.assertEqual([e["type"] for e in answer["entities"]], ["LOC", "PERSON"])
        self.assertEqual(answer["entities"][0]["text"], doc["text"][0:5])
        self.assertEqual(answer["custom"]["readability"]["sentences"], 2)
        self.assertEqual(newsdesk.process(doc, min_words=50), {"drop": "too_short"})
        self.assertNotIn("entities", newsdesk.process(dict(doc, entities=[{"start": 0, "end": 5, "type": "LOC", "text": "PARIS"}])))


class ThroughTextpipe(unittest.TestCase):
    """The example's program as a `command` stage of the real binary."""

    @classmethod
    def setUpClass(cls):
        if not BINARY.exists():
            raise unittest.SkipTest if os.environ.get("TEXTPIPE_ALLOW_NO_BINARY") else \
                FileNotFoundError(f"no textpipe binary at {BINARY}: run `swift build` first, or set TEXTPIPE_BIN")

    def stream(self, records, options=""):
        with tempfile.TemporaryDirectory() as tmp:
            pipeline = Path(tmp) / "p.yaml"
            pipeline.write_text(
                "version: 1\ninput: { stdin: jsonl }\nstages:\n"
                f"  - command: {{ run: [python3, {HERE / 'stages' / 'newsdesk.py'}], "
                f"changes: [entities, custom.readability, custom.dateline], workers: 2{options} }}\n")
            lines = "".join(json.dumps(r) + "\n" for r in records)
            done = subprocess.run([str(BINARY), "stream", str(pipeline)], input=lines, capture_output=True,
                                  text=True, timeout=120)
            self.assertEqual(done.returncode, 0, done.stderr)
            return [json.loads(line) for line in done.stdout.splitlines()]

    def test_stream(self):
        records = [{"id": f"d{i}", "text": text, "paragraphs": [], "meta": {"language": "en"}} for i, text in enumerate([
            "BERLIN, March 3 (Meridian) - Power prices will be capped, the government said on Monday.",
            "Too short.",
            "A longer article about nothing in particular, written in plain words for a test.",
        ])]
        out = self.stream(records, ", env: { MIN_WORDS: '5' }")
        self.assertEqual([r["id"] for r in out], ["d0", "d1", "d2"])
        self.assertEqual(out[0]["entities"], [{"start": 0, "end": 6, "type": "LOC", "text": "BERLIN"}])
        self.assertEqual(out[0]["custom"]["dateline"]["agency"], "Meridian")
        self.assertEqual(out[1], {"id": "d1", "source": "d1", "dropped": "too_short"})
        self.assertNotIn("dateline", out[2]["custom"])
        self.assertIn("flesch", out[2]["custom"]["readability"])

    def test_example_pipeline_on_samples(self):
        stages = subprocess.run([str(BINARY), "stages"], capture_output=True, text=True, cwd=ROOT).stdout
        missing = [s for s in ("clean", "sentences", "entities") if f"\n{s}  " not in "\n" + stages]
        if missing:
            self.skipTest(f"this textpipe has no {', '.join(missing)} stage yet")
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run([str(BINARY), "run", "Examples/PythonStage/pipeline.yaml", "--output", tmp, "--fresh"],
                                  capture_output=True, text=True, cwd=ROOT, timeout=300)
            self.assertIn(done.returncode, (0, 1), done.stderr)
            docs = [json.loads(line) for line in open(Path(tmp) / "documents.jsonl", encoding="utf-8")]
            self.assertTrue(docs)
            for doc in docs:
                self.assertIn("readability", doc["custom"])
                self.assertNotIn("paragraphs", doc)
                for e in doc["entities"]:
                    self.assertEqual(doc["text"][e["start"]:e["end"]], e["text"])
            berlin = [d for d in docs if "dateline" in d["custom"]]
            self.assertEqual([d["custom"]["dateline"]["place"] for d in berlin], ["Berlin"])


if __name__ == "__main__":
    unittest.main()
