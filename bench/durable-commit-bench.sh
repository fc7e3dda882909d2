#!/bin/sh
# Commit latency and throughput of durable offsets, sync vs async, on one coordinator node against an
# in-JVM Kafka broker: io.roster.bench.DurableCommitBench. Run from the repository root:
#   bench/durable-commit-bench.sh
# It writes its table into docs/durability.md. Settings are system properties in BENCH_JVM_ARGS, e.g.
#   BENCH_JVM_ARGS="-Dbench.durable.time=20s -Dbench.durable.committers=1,4,16" bench/durable-commit-bench.sh
# Extra Maven flags (e.g. -o for offline) in MVN_FLAGS.
set -e
mvn -B -q $MVN_FLAGS -pl bench -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
exec java -Xms1g -Xmx1g \
    --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens java.management/sun.management=ALL-UNNAMED \
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
    $BENCH_JVM_ARGS -cp "bench/target/classes:$(cat bench/target/test.classpath)" io.roster.bench.DurableCommitBench
