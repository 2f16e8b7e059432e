"""The no-code example pipeline through the real textpipe binary (TEXTPIPE_BIN, or
.build/debug/textpipe at the repository root; build it first).

    python3 -m unittest discover -s Examples/NoCode/tests -v
"""
import json
import os
import subprocess
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
BINARY = Path(os.environ.get("TEXTPIPE_BIN", ROOT / ".build" / "debug" / "textpipe"))
PIPELINE = "Examples/NoCode/pipeline.yaml"


class NoCodePipeline(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not BINARY.exists():
            raise FileNotFoundError(f"no textpipe binary at {BINARY}: run `swift build` first, or set TEXTPIPE_BIN")
        stages = subprocess.run([str(BINARY), "stages"], capture_output=True, text=True, cwd=ROOT).stdout
        missing = [s for s in ("clean", "sentences", "entities", "patterns") if f"\n{s}  " not in "\n" + stages]
        if missing:
            raise unittest.SkipTest(f"this textpipe has no {', '.join(missing)} stage yet")

    def test_runs_on_samples(self):
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run([str(BINARY), "run", PIPELINE, "--output", tmp, "--fresh"],
                                  capture_output=True, text=True, cwd=ROOT, timeout=300)
            self.assertIn(done.returncode, (0, 1), done.stderr)
            out = Path(tmp)
            with open(out / "documents.jsonl", encoding="utf-8") as f:
                docs = [json.loads(line) for line in f]
            run = json.loads((out / "run.json").read_text())
            self.assertTrue(docs)
            for doc in docs:
                self.assertEqual(doc["meta"]["language"], "en")
                self.assertTrue(doc["meta"]["title"] and doc["meta"]["date"])
                self.assertNotIn("published", doc["meta"])
                self.assertNotIn("paragraphs", doc)
                self.assertGreaterEqual(doc["stats"]["words"], 250)
            dropped = run["counts"]["dropped_by_reason"]
            self.assertIn("languages", dropped)            # the German, Russian and French pages
            self.assertEqual(run["counts"]["documents"] + run["counts"]["dropped"] + run["counts"]["failed"],
                             run["counts"]["inputs"])
            meridian = [e for d in docs for e in d["entities"] if e["text"] == "Meridian"]
            self.assertTrue(meridian)                      # the model calls it MISC; the list says ORG
            self.assertTrue(all(e["type"] == "ORG" and e["canonical"] == "Meridian (news agency)" for e in meridian))
            totals = json.loads((out / "keywords.json").read_text())
            self.assertEqual(totals["documents"], len(docs))
            mentioned = sum(1 for d in docs if d.get("custom", {}).get("keywords"))
            self.assertEqual(totals["matched"], mentioned)

    def test_a_misplaced_stage_is_refused_before_the_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = Path(tmp) / "bad.yaml"
            text = (ROOT / PIPELINE).read_text().replace("  - sentences\n", "").replace("  - entities\n", "  - entities\n  - sentences\n")
            bad.write_text(text)
            done = subprocess.run([str(BINARY), "validate", str(bad)], capture_output=True, text=True, cwd=ROOT)
            self.assertEqual(done.returncode, 2)
            self.assertIn("'sentences' (stages[5], line 17) provides them but comes after: move it before 'entities'",
                          done.stderr)


if __name__ == "__main__":
    unittest.main()
