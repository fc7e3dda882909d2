#!/bin/sh
# Commit latency and throughput of durable offsets, sync vs async, on one coordinator node against an
# in-JVM Kafka broker: io.roster.bench.DurableCommitBench. Run from the repository root:
#   bench/durable-commit-bench.sh
# It writes its table into docs/durability.md. Settings are system properties in BENCH_JVM_ARGS, e.g.
#   BENCH_JVM_ARGS="-Dbench.durable.time=20s -Dbench.durable.committers=1,4,16" bench/durable-commit-bench.sh
# Extra Maven flags (e.g. -o for offline) in MVN_FLAGS.
exec "$(dirname "$0")/run-on-test-classpath.sh" io.roster.bench.DurableCommitBench
