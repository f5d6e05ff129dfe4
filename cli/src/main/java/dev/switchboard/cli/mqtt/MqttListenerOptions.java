package dev.switchboard.cli.mqtt;

import dev.switchboard.cli.DurationConverter;
import dev.switchboard.cli.UsageException;
import dev.switchboard.mqtt.broker.Listeners;
import dev.switchboard.transport.tls.TlsConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The broker's TLS and WebSocket flags, shared by {@code mqtt serve} and {@code serve}. No flag,
 * no extra listener: TLS listens only with --cert and --key, WebSocket only with --ws-port.
 */
public final class MqttListenerOptions {
    @Option(names = "--tls-port", defaultValue = "8883", paramLabel = "PORT",
            description = "Port of MQTT over TLS, opened when --cert and --key are given (default: ${DEFAULT-VALUE}).")
    int tlsPort;

    @Option(names = "--cert", paramLabel = "FILE",
            description = "Server certificate chain (PEM, leaf first); with --key turns on TLS.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE",
            description = "Server private key (unencrypted PKCS#8 PEM, BEGIN PRIVATE KEY).")
    Path key;

    @Option(names = "--ca", paramLabel = "FILE",
            description = "CA certificates (PEM) that client certificates must chain to.")
    Path ca;

    @Option(names = "--require-client-cert",
            description = "Refuse TLS clients without a certificate from --ca.")
    boolean requireClientCert;

    @Option(names = "--use-cn-as-username",
            description = "A client certificate's CN is the client's username (needs --require-client-cert).")
    boolean useCnAsUsername;

    @Option(names = "--ws-port", arity = "0..1", fallbackValue = "8083", paramLabel = "PORT",
            description = "Serve MQTT over WebSocket on ws://BIND:PORT/mqtt; PORT defaults to 8083. Off unless given.")
    Integer wsPort;

    @Option(names = "--wss-port", arity = "0..1", fallbackValue = "8084", paramLabel = "PORT",
            description = "Serve MQTT over WebSocket with TLS on wss://BIND:PORT/mqtt (needs --cert, --key);"
                    + " PORT defaults to 8084. Off unless given.")
    Integer wssPort;

    @Option(names = "--tls-check-interval", defaultValue = "10s", paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How often --cert, --key and --ca are checked for changes and reloaded; 0: only on SIGHUP"
                    + " (default: ${DEFAULT-VALUE}).")
    Duration tlsCheckInterval;

    /** The listeners these flags ask for. */
    public Listeners listeners() {
        if ((cert == null) != (key == null)) {
            throw new UsageException("TLS needs both --cert and --key");
        }
        if (cert == null && (ca != null || requireClientCert || useCnAsUsername || wssPort != null)) {
            throw new UsageException("--ca, --require-client-cert, --use-cn-as-username and --wss-port need --cert and --key");
        }
        try {
            TlsConfig tls = cert == null ? null : new TlsConfig(cert, key, ca, requireClientCert);
            return Listeners.builder().tls(tls).tlsPort(tlsPort)
                    .webSocketPort(wsPort == null ? Listeners.OFF : wsPort)
                    .secureWebSocketPort(wssPort == null ? Listeners.OFF : wssPort)
                    .useCnAsUsername(useCnAsUsername).tlsFileCheck(tlsCheckInterval).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
