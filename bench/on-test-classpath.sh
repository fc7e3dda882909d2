#!/bin/sh
# Builds the bench module, then runs the benchmark class given as the argument on its test classpath, where the
# coordinator test-jar's in-JVM Kafka broker (EmbeddedKafkaBroker) and kafka_2.13 are. Run from the repository root,
# through the benchmark's own script (durable-commit-bench.sh, sdk-overhead-bench.sh).
# System properties for the benchmark (its settings, JFR flags) in BENCH_JVM_ARGS; extra Maven flags (e.g. -o for
# offline) in MVN_FLAGS.
set -e
mvn -B -q $MVN_FLAGS -pl bench -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
exec java -Xms1g -Xmx1g \
    --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens java.management/sun.management=ALL-UNNAMED \
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED \
    $BENCH_JVM_ARGS -cp "bench/target/classes:$(cat bench/target/test.classpath)" "$1"
