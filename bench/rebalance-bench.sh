#!/bin/sh
# Rebalance convergence and stop-the-world under steady load, Roster's SDK against Kafka 4.4.0's group
# coordinator (classic cooperative-sticky, defaults and tuned; KIP-848, default and minimum heartbeat), on one
# in-JVM Kafka broker and one coordinator node: io.roster.bench.RebalanceBench. Run from the repository root:
#   bench/rebalance-bench.sh
# It writes section rebalance-comparison of docs/benchmarks.md. A full run takes about 2 h on a quiet machine
# (more under load), most of it in kills that wait for 45 s session timeouts; it prints its estimate first and
# progress after every event. It first waits (at most loadWaitSeconds) for the load to fall to maxLoad.
# Settings are system properties in BENCH_JVM_ARGS, defaults:
#   -Dbench.rebalance.sizes=10,30
#   -Dbench.rebalance.contenders=ROSTER,CLASSIC_DEFAULT,CLASSIC_TUNED,CONSUMER_DEFAULT,CONSUMER_MIN
#   -Dbench.rebalance.blocks=2 -Dbench.rebalance.rounds=5 -Dbench.rebalance.warmupRounds=1
#   -Dbench.rebalance.partitions=120 -Dbench.rebalance.ratePerPartition=50 -Dbench.rebalance.settleMs=2000
#   -Dbench.rebalance.minHeartbeatMs=1 -Dbench.rebalance.maxLoad=1.5 -Dbench.rebalance.loadWaitSeconds=300
#   -Dbench.rebalance.output=docs/benchmarks.md   (empty: print only)
# A smoke run, e.g.:
#   BENCH_JVM_ARGS="-Dbench.rebalance.sizes=3 -Dbench.rebalance.blocks=1 -Dbench.rebalance.rounds=1 \
#     -Dbench.rebalance.warmupRounds=0 -Dbench.rebalance.contenders=ROSTER,CLASSIC_TUNED -Dbench.rebalance.output=" \
#     bench/rebalance-bench.sh
# Extra Maven flags (e.g. -o for offline) in MVN_FLAGS.
exec "$(dirname "$0")/run-on-test-classpath.sh" io.roster.bench.RebalanceBench "-Xms1g -Xmx2g"
