package dev.switchboard.cli.reqrep;

import dev.switchboard.cli.DurationConverter;
import dev.switchboard.cli.UsageException;
import dev.switchboard.cli.Verbosity;
import dev.switchboard.reqrep.ReqRepException;
import dev.switchboard.reqrep.client.RawCall;
import dev.switchboard.reqrep.client.ReqRepClient;
import dev.switchboard.reqrep.client.ReqRepClientConfig;
import dev.switchboard.transport.Addresses;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code switchboard reqrep call HOST:PORT [ROUTE] MESSAGE}: one request, its answer on stdout. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Send one request and print the response body.",
                "Framed by default (ROUTE defaults to hello); --raw speaks the plain socket protocol."})
public final class ReqRepCallCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The server.")
    String target;

    @Parameters(index = "1..2", arity = "1..2", paramLabel = "[ROUTE] MESSAGE",
            description = "Route (framed only; default hello) and the message to send.")
    List<String> words;

    @Option(names = "--raw", description = "Plain socket protocol: send MESSAGE, print what comes back until the server closes.")
    boolean raw;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        Verbosity.quietLogs();
        InetSocketAddress address = parseTarget(target);
        String route = words.size() == 2 ? words.get(0) : "hello";
        byte[] message = words.get(words.size() - 1).getBytes(StandardCharsets.UTF_8);
        if (raw && words.size() == 2) {
            throw new UsageException("--raw sends only a MESSAGE; a ROUTE applies to the framed protocol");
        }
        byte[] answer = raw ? RawCall.call(address, message, timeout) : framedCall(address, route, message);
        String text = new String(answer, StandardCharsets.UTF_8);
        PrintWriter out = spec.commandLine().getOut();
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        return 0;
    }

    private byte[] framedCall(InetSocketAddress address, String route, byte[] message) {
        ReqRepClientConfig config = ReqRepClientConfig.builder(address)
                .connections(1).ioThreads(1).requestTimeout(timeout).connectTimeout(timeout).build();
        try (ReqRepClient client = ReqRepClient.create(config)) {
            client.ready().join(); // a refused or unknown host is reported as the connect attempt saw it
            return client.call(route, message).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ReqRepException r && !r.is(dev.switchboard.reqrep.ErrorCode.TIMEOUT)) {
                throw ReqRepException.fromWire(r.code(), "server answered " + r.codeName() + ": " + r.getMessage());
            }
            throw e;
        }
    }

    static InetSocketAddress parseTarget(String text) {
        try {
            return Addresses.parseHostPort(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
