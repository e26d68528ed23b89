#!/usr/bin/env python3
"""Score lede's HTML extraction on the development pages.

    scripts/eval_html.py [--data DIR] [--no-build] [--keep DIR]

Builds lede (release), runs `lede analyze --format jsonl` on every page of each
html-<set>/dev/index.jsonl under DIR (default /work/shared/data), writes the extracted
`text` of each page to PRED/<id>.txt and runs eval/score_html.py on it.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--scorer", default=None)
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--keep", default=None, help="write predictions under this directory")
    ap.add_argument("--worst", default="5")
    args = ap.parse_args()
    scorer = args.scorer or os.path.join(os.path.dirname(args.data.rstrip("/")), "eval", "score_html.py")
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    lede = os.path.join(ROOT, "target", "release", "lede")
    for name in ("html-aeb", "html-readability"):
        index = os.path.join(args.data, name, "dev", "index.jsonl")
        if not os.path.exists(index):
            print(f"{name}: no data at {index}, skipped")
            continue
        base = os.path.dirname(index)
        rows = [json.loads(l) for l in open(index, encoding="utf-8") if l.strip()]
        out = os.path.join(args.keep, name) if args.keep else tempfile.mkdtemp(prefix=name)
        os.makedirs(out, exist_ok=True)
        for row in rows:
            page = os.path.join(base, row["html"])
            res = subprocess.run([lede, "analyze", "--format", "jsonl", page],
                                 capture_output=True, text=True)
            text = ""
            if res.returncode == 0 and res.stdout.strip():
                text = json.loads(res.stdout.splitlines()[0]).get("text", "")
            else:
                print(f"{row['id']}: lede failed: {res.stderr.strip()}", file=sys.stderr)
            with open(os.path.join(out, row["id"] + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
        print(f"== {name} ({len(rows)} pages)")
        sys.stdout.flush()
        subprocess.run([sys.executable, scorer, index, out, "--worst", args.worst], check=True)


if __name__ == "__main__":
    main()
