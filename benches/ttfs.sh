#!/usr/bin/env bash
# Time to first screen: how long `lede FILE` takes to paint the first screen of text.
#
#   benches/ttfs.sh [FILE] [MARKER]
#
# Starts the release binary in a detached tmux session at 200x50 and polls the screen
# until MARKER (a word on the first screen) appears. Defaults: the 5 MB book from
# ../shared/bench-data and a word from its first screen. Needs tmux. Prints milliseconds.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-../shared/bench-data/book-5mb.txt}
marker=${2:-Genoa and Lucca}
cargo build --release --quiet
bin=$PWD/target/release/lede
runs=${RUNS:-5}
for i in $(seq "$runs"); do
  s=ttfs$$_$i
  t0=$(date +%s%N)
  tmux new-session -d -s "$s" -x 200 -y 50 "$bin '$file'"
  while ! tmux capture-pane -p -t "$s" 2>/dev/null | grep -q "$marker"; do :; done
  t1=$(date +%s%N)
  tmux kill-session -t "$s"
  echo "run $i: $(( (t1 - t0) / 1000000 )) ms"
done
