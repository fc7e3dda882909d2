#!/bin/sh
# Builds the bench module, then runs one of its programs on the module's test class path, where the in-JVM
# Kafka broker (kafka_2.13) and the coordinator's test fixtures are; the programs that need them say so.
# Run from the repository root: bench/run-on-test-classpath.sh <main class> [heap, default -Xms1g -Xmx1g]
# JVM settings of the program in BENCH_JVM_ARGS, extra Maven flags (e.g. -o for offline) in MVN_FLAGS.
set -e
main=$1
heap=${2:--Xms1g -Xmx1g}
mvn -B -q $MVN_FLAGS -pl bench -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
exec java $heap \
    --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens java.management/sun.management=ALL-UNNAMED \
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
    $BENCH_JVM_ARGS -cp "bench/target/classes:$(cat bench/target/test.classpath)" "$main"
