#!/usr/bin/env bash
# Store benchmark of the JPA document store on SQLite (a temporary file) and the local PostgreSQL
# (127.0.0.1:5432, trust auth, user postgres; a temporary database). Not a test: prints figures.
# usage: bench/persistence/run.sh [iterations for 1 kB, default 300] [iterations for 1 MB, default 30]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$cp" bench/persistence/StoreBenchmark.java
java -Dit.nodeDir=src/test/node -cp "target/bench-classes:$cp" dev.yjakarta.persistence.StoreBenchmark "$@"
