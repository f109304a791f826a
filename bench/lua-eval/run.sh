#!/bin/bash
# Rerun everything: bash bench/lua-eval/run.sh   (bench only: bash bench/lua-eval/run.sh bench)
set -e
cd "$(dirname "$0")"
mvn -q compile dependency:build-classpath -Dmdep.outputFile=cp.txt
CP=target/classes:$(cat cp.txt)
what=${1:-all}
if [ "$what" = all ] || [ "$what" = checks ]; then
  java -cp "$CP" eval.Checks compat    | tee compat.txt
  java -cp "$CP" eval.Checks binary    | tee binary.txt
  java -cp "$CP" eval.Checks interrupt | tee interrupt.txt
  java -cp "$CP" eval.Checks thread    | tee thread.txt
  for w in luajava luaj; do java -Xmx2g -cp "$CP" eval.Checks state $w; done | tee state.txt
  java -cp "$CP" eval.Decompose | tee decompose.txt
fi
if [ "$what" = all ] || [ "$what" = bench ]; then
  java -cp "$CP" eval.Bench 3 | tee bench.txt     # 3 fresh JVM forks, median reported
fi
