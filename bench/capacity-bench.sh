#!/bin/sh
# Coordinator capacity: heartbeats/s and partition offsets committed/s of one coordinator node (its own process,
# java -jar coordinator/target/roster-coordinator.jar), in closed-loop steps up to saturation, against Kafka's
# commitAsync on the same broker (its own process too): io.roster.bench.CapacityBench. Run from the repository root:
#   bench/capacity-bench.sh
# It writes section coordinator-capacity of docs/benchmarks.md (the processes' logs go to bench/target/capacity).
# Settings are system properties in BENCH_JVM_ARGS, e.g. a smoke run:
#   BENCH_JVM_ARGS="-Dbench.capacity.warmup=1s -Dbench.capacity.time=2s -Dbench.capacity.steps=1,16" bench/capacity-bench.sh
# Extra Maven flags (e.g. -o for offline) in MVN_FLAGS.
set -e
mvn -B -q $MVN_FLAGS -pl bench -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
exec java -Xms512m -Xmx1g $BENCH_JVM_ARGS \
    -cp "bench/target/classes:$(cat bench/target/test.classpath)" io.roster.bench.CapacityBench
