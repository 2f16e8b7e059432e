#!/usr/bin/env python3
"""The extraction dev set's scoring, in Python, and a trafilatura run on the same pages.

    extraction_score.py score DIR PREDICTIONS.jsonl   # score predictions (id, text, title, ...)
    extraction_score.py trafilatura DIR               # run trafilatura, time it, score it
    extraction_score.py pages DIR PREDICTIONS.jsonl [--all]
                                                      # per page: P, R, missed/unwanted snippets,
                                                      # metadata mismatches, worst pages first

Scoring follows DIR/../README.md: \\w+ tokens, 4-token shingles (a text of 1-3 tokens is one
short shingle), per-page multiset TP/FP/FN, set precision = mean over pages with a non-empty
prediction, recall = mean over all pages, F1 of the means; snippet pages (`with`/`without`)
count snippets found in the whitespace-collapsed output, summed over pages. Titles compare
case-folded with whitespace collapsed, authors as sets of names, dates by YYYY-MM-DD.
Used by Benchmarks/eval-extraction; textpipe's own scorer is `textpipe eval extraction`.
"""
import collections, gzip, json, os, re, sys, time

def tokens(text):
    return re.findall(r"\w+", text or "")

def shingles(ts):
    if not ts:
        return collections.Counter()
    if len(ts) < 4:
        return collections.Counter([tuple(ts)])
    return collections.Counter(tuple(ts[i:i + 4]) for i in range(len(ts) - 3))

def fold(s):
    return " ".join((s or "").casefold().split())

def names(s):
    if isinstance(s, list):
        s = "; ".join(s)
    return {x for x in (fold(a) for a in re.split(r"[;,|&/]| and ", s or "")) if x}

def score(truth, predictions):
    precisions, recalls = [], []
    tp = fp = fn = 0
    meta = {"title": [0, 0], "author": [0, 0], "date": [0, 0]}
    for pid, g in truth.items():
        p = predictions.get(pid, {})
        text = p.get("text") or ""
        if g.get("articleBody") is not None:
            a, b = shingles(tokens(text)), shingles(tokens(g["articleBody"]))
            t = sum((a & b).values())
            f_p, f_n = sum(a.values()) - t, sum(b.values()) - t
            if sum(a.values()) > 0:
                precisions.append(1.0 if t + f_p == 0 else t / (t + f_p))
            recalls.append(1.0 if t + f_n == 0 else t / (t + f_n))
        else:
            collapsed = " ".join(text.split())
            for s in g.get("with", []):
                if " ".join(s.split()) in collapsed: tp += 1
                else: fn += 1
            for s in g.get("without", []):
                if " ".join(s.split()) in collapsed: fp += 1
        for field, key, same in (("title", "title", lambda x, y: fold(x) == fold(y)),
                                 ("author", "byline", lambda x, y: names(x) == names(y)),
                                 ("date", "publishedTime", lambda x, y: x[:10] == y[:10])):
            label = g.get(key)
            if label:
                meta[field][1] += 1
                value = p.get("published" if field == "date" else field)
                if value and same(value, label):
                    meta[field][0] += 1
    if recalls:
        P = sum(precisions) / max(1, len(precisions)); R = sum(recalls) / len(recalls); kind = "shingles"
    else:
        P = tp / max(1, tp + fp); R = tp / max(1, tp + fn); kind = "snippets"
    F = 0 if P + R == 0 else 2 * P * R / (P + R)
    out = "  %s P %.3f  R %.3f  F1 %.3f" % (kind, P, R, F)
    for field, (ok, n) in meta.items():
        if n:
            out += "\n  %s %d/%d = %.3f" % (field, ok, n, ok / n)
    return out

def pages_report(truth, predictions, show_all):
    """One line per page that loses something (all pages with --all), worst first, with what
    it loses: shingle P/R, or the snippets missed and found unwanted, and wrong metadata."""
    rows = []
    for pid, g in truth.items():
        p = predictions.get(pid, {})
        text = p.get("text") or ""
        lines, loss = [], 0.0
        if g.get("articleBody") is not None:
            a, b = shingles(tokens(text)), shingles(tokens(g["articleBody"]))
            t = sum((a & b).values())
            f_p, f_n = sum(a.values()) - t, sum(b.values()) - t
            P = 1.0 if t + f_p == 0 else t / (t + f_p)
            R = 1.0 if t + f_n == 0 else t / (t + f_n)
            loss = (1 - P) + (1 - R)
            head = "%-20s P %.3f R %.3f  (%d predicted, %d truth shingles)" % (pid[:20], P, R, sum(a.values()), sum(b.values()))
        else:
            collapsed = " ".join(text.split())
            missed = [s for s in g.get("with", []) if " ".join(s.split()) not in collapsed]
            unwanted = [s for s in g.get("without", []) if " ".join(s.split()) in collapsed]
            loss = len(missed) + len(unwanted)
            head = "%-20s missed %d/%d unwanted %d/%d  %s" % (pid[:20], len(missed), len(g.get("with", [])),
                                                           len(unwanted), len(g.get("without", [])), (g.get("url") or "")[:70])
            lines += ["    missed:   %r" % s for s in missed] + ["    unwanted: %r" % s for s in unwanted]
        for field, key in (("title", "title"), ("author", "byline"), ("published", "publishedTime")):
            label = g.get(key)
            if not label:
                continue
            value = p.get(field)
            same = {"title": lambda x, y: fold(x) == fold(y), "author": lambda x, y: names(x) == names(y),
                    "published": lambda x, y: x[:10] == y[:10]}[field]
            if not (value and same(value, label)):
                lines.append("    %-9s got %r, want %r" % (field, value, label))
        if loss > 0 or lines or show_all:
            rows.append((loss, head, lines))
    rows.sort(key=lambda r: -r[0])
    for _, head, lines in rows:
        print(head)
        for l in lines:
            print(l)
    wrong = collections.Counter(l.split()[0] for _, _, lines in rows for l in lines)
    print("-- %d of %d pages lose text or snippets; %d missed, %d unwanted snippets; wrong: %s" % (
        sum(1 for r in rows if r[0] > 0), len(truth), wrong["missed:"], wrong["unwanted:"],
        ", ".join("%s %d" % (f, wrong[f]) for f in ("title", "author", "published"))))

def load(d):
    truth = json.load(open(os.path.join(d, "ground-truth.json"), encoding="utf-8"))
    pages = {}
    for pid in sorted(truth):
        path = os.path.join(d, "html", pid + ".html.gz")
        if os.path.exists(path):
            pages[pid] = gzip.open(path).read()
    return truth, pages

def main():
    mode, d = sys.argv[1], sys.argv[2]
    truth, pages = load(d)
    if mode == "pages":
        preds = {}
        for line in open(sys.argv[3], encoding="utf-8"):
            o = json.loads(line)
            preds[o["id"]] = o
        pages_report(truth, preds, "--all" in sys.argv[4:])
        return
    if mode == "score":
        preds = {}
        for line in open(sys.argv[3], encoding="utf-8"):
            o = json.loads(line)
            preds[o["id"]] = o
        print(score(truth, preds))
        return
    import trafilatura
    preds, cpu = {}, 0.0
    for pid, html in pages.items():
        start = time.process_time()
        doc = trafilatura.bare_extraction(html, url=truth[pid].get("url"), with_metadata=True)
        cpu += time.process_time() - start
        get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
        preds[pid] = {"text": (get("text") or "") if doc else "", "title": get("title") if doc else None,
                      "author": get("author") if doc else None, "published": get("date") if doc else None}
    print(score(truth, preds))
    total = sum(len(h) for h in pages.values())
    print("  speed %.1f MB/s of HTML per CPU second on one core (bare_extraction with metadata)" % (total / cpu / 1e6))

if __name__ == "__main__":
    main()
