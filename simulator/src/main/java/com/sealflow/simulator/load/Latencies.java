package com.sealflow.simulator.load;

import java.util.Arrays;

/** Latency samples in microseconds; percentiles by sorting (load runs keep at most a few million). */
public final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    public synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos / 1000;
    }

    public synchronized int count() {
        return size;
    }

    /** The q-quantile (0..1) in milliseconds, or NaN without samples. */
    public synchronized double percentileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(q * size) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    public String summary() {
        return String.format("n=%-7d p50=%8.2f ms  p99=%8.2f ms  p99.9=%8.2f ms  max=%8.2f ms", count(), percentileMillis(0.5),
                percentileMillis(0.99), percentileMillis(0.999), percentileMillis(1.0));
    }
}
