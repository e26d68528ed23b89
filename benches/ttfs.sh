#!/usr/bin/env bash
# Time to first screen: how long `lede FILE` takes to paint the first screen of text.
#
#   benches/ttfs.sh [FILE] [MARKER]
#
# Each run times lede, then `less` on the same file in the same way, for comparison.
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
# One idle session keeps the tmux server up between runs.
tmux new-session -d -s "ttfs$$" -x 20 -y 5 "sleep 600"
time_it() {
  local s=ttfs$$_$1 t0 t1
  t0=$(date +%s%N)
  tmux new-session -d -s "$s" -x 200 -y 50 "$2"
  while ! tmux capture-pane -p -t "$s" 2>/dev/null | grep -q "$marker"; do :; done
  t1=$(date +%s%N)
  tmux kill-session -t "$s"
  echo $(( (t1 - t0) / 1000000 ))
}
for i in $(seq "$runs"); do
  lede_ms=$(time_it "l$i" "$bin '$file'")
  sleep 0.3
  less_ms=$(time_it "p$i" "less '$file'")
  sleep 0.3
  echo "run $i: lede $lede_ms ms, less $less_ms ms"
done
tmux kill-session -t "ttfs$$"
