#!/usr/bin/env python3
"""A textpipe stage in Python: datelines, readability, and a minimum length.

textpipe starts this program once per worker and keeps it running. It writes one document
record per line on standard input (the same JSON as a line of documents.jsonl) and reads one
answer per line on standard output:

- the fields this stage changes (only those declared under `changes:` in the pipeline file;
  fields left out are kept as they were),
- or {"drop": "reason"} to drop the document (counted by reason in the run's summary),
- or {"error": "message"} to fail it (it goes to errors.jsonl; the batch goes on).

Offsets in `sentences` and `entities` count code points, so Python's str slicing applies:
text[start:end].

For each document this stage
- drops it when it has fewer than MIN_WORDS words (an environment variable set in the
  pipeline file; default 0),
- adds custom.readability: words, sentences, reading minutes, and for English the Flesch
  reading-ease score,
- finds a news-agency dateline ("BERLIN, March 3 (Meridian) -") at the start of a paragraph,
  adds custom.dateline and, when no entity covers the place yet, a LOC entity for it.
"""
import json
import os
import re
import sys

WORD = re.compile(r"\w+(?:['’]\w+)*")
VOWELS = re.compile(r"[aeiouy]+")
DATELINE = re.compile(
    r"(?m)^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ .'’-]{1,40}[A-ZÀ-Þ])"   # BERLIN, NEW YORK, SÃO PAULO
    r"(?:,\s+(?P<date>[A-Z][a-z]+\.? \d{1,2}))?"                # , March 3
    r"\s*\((?P<agency>[^)]{2,40})\)\s*[-–—]")                    # (Meridian) -


def syllables(word):
    """A rough English syllable count: vowel groups, less a silent final e."""
    w = word.lower()
    count = len(VOWELS.findall(w))
    if w.endswith("e") and not w.endswith("le") and count > 1:
        count -= 1
    return max(1, count)


def readability(text, sentence_count, language):
    words = WORD.findall(text)
    out = {"words": len(words), "sentences": sentence_count,
           "reading_minutes": round(len(words) / 230, 1)}
    if words and sentence_count and (language or "en") == "en":
        per_sentence = len(words) / sentence_count
        per_word = sum(syllables(w) for w in words) / len(words)
        out["flesch"] = round(206.835 - 1.015 * per_sentence - 84.6 * per_word, 1)
    return out


def dateline(text):
    m = DATELINE.search(text)
    if not m:
        return None
    place = m.group("place").strip()
    found = {"place": place.title(), "agency": m.group("agency").strip(),
             "start": m.start("place"), "end": m.start("place") + len(place)}
    if m.group("date"):
        found["date"] = m.group("date")
    return found


def process(doc, min_words=0):
    text = doc.get("text") or ""
    if len(WORD.findall(text)) < min_words:
        return {"drop": "too_short"}
    sentences = len(doc.get("sentences") or []) or len(re.findall(r"[.!?]+(?:\s|$)", text))
    custom = {"readability": readability(text, sentences, (doc.get("meta") or {}).get("language"))}
    answer = {"custom": custom}
    found = dateline(text)
    if found:
        custom["dateline"] = found
        entities = doc.get("entities") or []
        if not any(e["start"] < found["end"] and found["start"] < e["end"] for e in entities):
            entity = {"start": found["start"], "end": found["end"], "type": "LOC",
                      "text": text[found["start"]:found["end"]]}
            answer["entities"] = sorted(entities + [entity], key=lambda e: (e["start"], e["end"]))
    return answer


def main():
    min_words = int(os.environ.get("MIN_WORDS", "0"))
    for line in sys.stdin:
        try:
            answer = process(json.loads(line), min_words)
        except Exception as e:  # the document fails; this process lives on
            answer = {"error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
