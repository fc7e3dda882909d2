#!/bin/sh
# SDK overhead: records per second through the client SDK's RosterConsumer against a plain vertx-kafka-client
# consumer with assign(), on an in-JVM Kafka broker and one coordinator node: io.roster.bench.SdkOverheadBench.
# Run from the repository root:
#   bench/sdk-overhead-bench.sh
# It writes its section into docs/benchmarks.md. A full run (the defaults: 1,000,000 records, 1 + 10 rounds of each
# consumer) takes about 3 minutes on two cores, after waiting up to 5 minutes for a 1-minute load average of at most
# 1.5. Settings are system properties in BENCH_JVM_ARGS (listed in SdkOverheadSettings and in the section), e.g. a
# smoke run:
#   BENCH_JVM_ARGS="-Dbench.sdk.records=100000 -Dbench.sdk.runs=2 -Dbench.sdk.loadWaitSeconds=0" bench/sdk-overhead-bench.sh
# A profile of the SDK's runs alone (writes no section; read it with `jfr print` or JDK Mission Control):
#   BENCH_JVM_ARGS="-Dbench.sdk.consumers=sdk -XX:StartFlightRecording=filename=sdk.jfr,settings=profile" bench/sdk-overhead-bench.sh
# Extra Maven flags (e.g. -o for offline) in MVN_FLAGS.
exec "$(dirname "$0")/run-on-test-classpath.sh" io.roster.bench.SdkOverheadBench
