package dev.switchboard.cli.reqrep;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard reqrep}: the client-server pattern. */
@Command(name = "reqrep", mixinStandardHelpOptions = true,
        description = "Client-server: a request/response server, a client and a load generator.",
        subcommands = {ReqRepServeCommand.class, ReqRepCallCommand.class, ReqRepBenchCommand.class})
public final class ReqRepCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
