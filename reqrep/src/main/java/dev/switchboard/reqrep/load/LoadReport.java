package dev.switchboard.reqrep.load;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured. {@link #summaryLine()} is the contract scripts read:
 * {@code requests/s=N p50_us=N p99_us=N p999_us=N errors=N}.
 */
public record LoadReport(long requests, long errors, double seconds, long p50Micros, long p99Micros,
        long p999Micros, long maxMicros, String firstError) {

    static LoadReport of(Histogram latencies, long errors, double seconds, String firstError) {
        return new LoadReport(latencies.getTotalCount(), errors, seconds,
                latencies.getValueAtPercentile(50), latencies.getValueAtPercentile(99),
                latencies.getValueAtPercentile(99.9), latencies.getMaxValue(), firstError);
    }

    public long requestsPerSecond() {
        return seconds <= 0 ? 0 : Math.round(requests / seconds);
    }

    public String summaryLine() {
        return "requests/s=" + requestsPerSecond() + " p50_us=" + p50Micros + " p99_us=" + p99Micros
                + " p999_us=" + p999Micros + " errors=" + errors;
    }
}
