package dev.rehearse.search.documents;

import dev.rehearse.fieldnames.FieldNames;
import java.time.Instant;
import java.util.Optional;

/**
 * A document of the {@code benchmarks} index: the percentiles of one score in a group of at least
 * the minimum size. A benchmark names no user; {@code userId} is in the mapping only so every index
 * can be searched alike.
 */
@FieldNames
public record BenchmarkDocument(
    Optional<String> userId,
    String groupKind,
    String groupValue,
    String score,
    long candidates,
    long sessions,
    double p10,
    double p25,
    double p50,
    double p75,
    double p90,
    String batchId,
    Instant computedAt) {}
