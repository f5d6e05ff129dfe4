package dev.switchboard.cli;

/** Entry point of the {@code switchboard} command. */
public final class Main {
    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    private Main() {
    }

    public static void main(String[] args) {
        // Netty samples one buffer in 128 for leak tracking by default, capturing a stack trace
        // each time; that cost ~20% of reqrep's pipelined throughput (docs/benchmarks.md). The
        // test suite runs at PARANOID instead. Turn sampling back on with
        // SWITCHBOARD_JAVA_OPTS=-Dio.netty.leakDetection.level=simple.
        if (System.getProperty(LEAK_DETECTION) == null && System.getProperty("io.netty.leakDetectionLevel") == null) {
            System.setProperty(LEAK_DETECTION, "disabled");
        }
        System.exit(SwitchboardCommand.execute(args));
    }
}
