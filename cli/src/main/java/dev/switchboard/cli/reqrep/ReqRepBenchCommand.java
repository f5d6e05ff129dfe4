package dev.switchboard.cli.reqrep;

import dev.switchboard.cli.ByteSizeConverter;
import dev.switchboard.cli.DurationConverter;
import dev.switchboard.cli.Verbosity;
import dev.switchboard.reqrep.client.ReqRepClientConfig;
import dev.switchboard.reqrep.load.ClosedLoopLoad;
import dev.switchboard.reqrep.load.LoadReport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard reqrep bench HOST:PORT}: closed-loop load; the last line is the summary. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Closed-loop load on the framed protocol: each connection keeps --pipeline requests in flight.",
                "Progress goes to stderr; stdout's last line is:",
                "requests/s=N p50_us=N p99_us=N p999_us=N errors=N"})
public final class ReqRepBenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server.")
    String target;

    @Option(names = "--connections", defaultValue = "50", paramLabel = "N",
            description = "Connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--pipeline", defaultValue = "1", paramLabel = "N",
            description = "Requests each connection keeps in flight (default: ${DEFAULT-VALUE}).")
    int pipeline;

    @Option(names = "--size", defaultValue = "64", paramLabel = "BYTES", converter = ByteSizeConverter.class,
            description = "Payload size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--duration", defaultValue = "10s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to measure (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "2s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Load before measuring starts, not counted (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--route", defaultValue = "echo", description = "Route to call (default: ${DEFAULT-VALUE}).")
    String route;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for each connection and its preamble (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--io-threads", defaultValue = "0", paramLabel = "N",
            description = "Client event loop threads; 0 is one per core (default: ${DEFAULT-VALUE}).")
    int ioThreads;

    @Override
    public Integer call() throws Exception {
        Verbosity.quietLogs();
        InetSocketAddress address = ReqRepCallCommand.parseTarget(target);
        ReqRepClientConfig client = ReqRepClientConfig.builder(address)
                .requestTimeout(timeout).connectTimeout(timeout).ioThreads(ioThreads)
                .maxInflightPerConnection(Math.max(1024, pipeline)).build();
        ClosedLoopLoad.Plan plan = new ClosedLoopLoad.Plan(client, connections, pipeline, size, duration, warmup, route);
        var err = spec.commandLine().getErr();
        err.printf("bench: %s route %s, %d connections, pipeline %d, %d-byte payload, %d ms (+%d ms warm-up)%n",
                target, route, connections, pipeline, size, duration.toMillis(), warmup.toMillis());
        err.flush();
        LoadReport report = new ClosedLoopLoad(plan).run(line -> {
        });
        if (report.firstError() != null) {
            err.println("bench: first error: " + report.firstError());
        }
        err.printf("bench: %d requests in %.1f s, max %d us%n", report.requests(), report.seconds(), report.maxMicros());
        err.flush();
        var out = spec.commandLine().getOut();
        out.println(report.summaryLine());
        out.flush();
        return report.requests() == 0 ? 1 : 0;
    }
}
