#!/usr/bin/env bash
# Whole-process time of `lede compare` on 20 articles of 20 KB each.
#
#   benches/compare.sh [N] [KB]
#
# Cuts N (default 20) pieces of KB (default 20) kilobytes, at paragraph breaks, from
# spread-out places in the 5 MB book of ../shared/bench-data (LEDE_BENCH_DATA elsewhere),
# writes them to a temporary directory (nothing is kept), then times the release binary
# comparing them all, RUNS times (default 5): loading, analysing, matching and writing the
# JSON. Prints each run's wall time in milliseconds (and its CPU time, user + system),
# the median, and the load average before and after: on a shared machine the wall time
# means little without it.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
kb=${2:-20}
data=${LEDE_BENCH_DATA:-../shared/bench-data}
book=$data/book-5mb.txt
[ -f "$book" ] || { echo "compare.sh: $book not found (set LEDE_BENCH_DATA)" >&2; exit 1; }
cargo build --release --quiet
bin=$PWD/target/release/lede
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$book" "$dir" "$n" "$kb" <<'PY'
import sys
book, out, n, kb = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
text = open(book, encoding="utf-8").read()
step = len(text) // n
for i in range(n):
    start = text.find("\n\n", i * step) + 2
    end = text.rfind("\n\n", start, start + kb * 1024) or start + kb * 1024
    with open(f"{out}/article-{i:02}.txt", "w", encoding="utf-8") as f:
        f.write(text[start:end] + "\n")
PY
echo "$(ls "$dir" | wc -l) files, $(du -sk "$dir" | cut -f1) KB in all"
runs=${RUNS:-5}
times=()
echo "before: load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  t0=$(date +%s%N)
  /usr/bin/time -f "%U %S" -o "$dir/cpu" "$bin" compare "$dir"/*.txt > "$dir/out.json"
  t1=$(date +%s%N)
  ms=$(( (t1 - t0) / 1000000 ))
  times+=("$ms")
  echo "run $i: $ms ms wall, $(awk '{printf "%.2f s CPU (user %s, system %s)", $1 + $2, $1, $2}' "$dir/cpu")"
done
echo "after: load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 -c "import json,sys; v=json.load(open(sys.argv[1])); print(len(v['documents']), 'documents,', len(v['actors']), 'actors,', len(v['shared']), 'shared claims,', len(v['unique']), 'unique')" "$dir/out.json"
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print "median:", a[int((NR+1)/2)], "ms"}'
