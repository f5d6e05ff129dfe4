package dev.switchboard.transport.tls;

import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server {@link SslContext} that can be swapped while the server runs. Channel initializers
 * call {@link #current()} once per new channel, so new handshakes use the newest files and
 * established connections keep the context they started with. A reload that fails keeps the
 * previous context and logs why. {@link #watch} checks the files' modification time, size and
 * inode on a daemon thread of its own (never an event loop) and reloads when any changed.
 */
public final class ReloadingSslContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingSslContext.class);

    private final String serverName;
    private final TlsConfig config;
    private final AtomicReference<TlsFiles.Loaded> current;
    private List<Object> seen;
    private ScheduledExecutorService watcher;

    private ReloadingSslContext(String serverName, TlsConfig config, List<Object> seen, TlsFiles.Loaded loaded) {
        this.serverName = serverName;
        this.config = config;
        this.seen = seen;
        this.current = new AtomicReference<>(loaded);
    }

    /**
     * Loads the files once.
     *
     * @throws TlsFileException when a file is missing or unusable
     */
    public static ReloadingSslContext load(String serverName, TlsConfig config) {
        List<Object> seen = fingerprint(config);
        return new ReloadingSslContext(serverName, config, seen, TlsFiles.load(config));
    }

    /** The context new connections get. */
    public SslContext current() {
        return current.get().context();
    }

    /** The certificate new connections are shown. */
    public X509Certificate certificate() {
        return current.get().certificate();
    }

    public TlsConfig config() {
        return config;
    }

    /** Reads the files again; on failure keeps the current context. Returns whether it was replaced. */
    public synchronized boolean reload() {
        seen = fingerprint(config);
        try {
            TlsFiles.Loaded loaded = TlsFiles.load(config);
            current.set(loaded);
            LOG.info("{} tls: reloaded {} ({}, serial {}, valid until {})", serverName, config.certFile(),
                    loaded.certificate().getSubjectX500Principal().getName(),
                    loaded.certificate().getSerialNumber(), loaded.certificate().getNotAfter().toInstant());
            return true;
        } catch (TlsFileException e) {
            LOG.warn("{} tls: reload failed, new connections keep the previous certificate: {}", serverName,
                    e.getMessage());
            return false;
        }
    }

    /** Reloads when a file's modification time, size or inode changed since the last (attempted) load. */
    public synchronized boolean reloadIfChanged() {
        if (fingerprint(config).equals(seen)) {
            return false;
        }
        return reload();
    }

    /** Checks the files every {@code interval} on a daemon thread until {@link #close}; zero: never. */
    public synchronized void watch(Duration interval) {
        if (interval.isZero() || watcher != null) {
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, serverName + "-tls-watch");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        watcher.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkQuietly() {
        try {
            reloadIfChanged();
        } catch (RuntimeException e) {
            LOG.warn("{} tls: checking the certificate files failed: {}", serverName, e.toString());
        }
    }

    private static List<Object> fingerprint(TlsConfig config) {
        List<Object> out = new ArrayList<>();
        for (Path file : new Path[] {config.certFile(), config.keyFile(), config.caFile()}) {
            if (file == null) {
                continue;
            }
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                out.add(List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey())));
            } catch (IOException e) {
                out.add("missing");
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }
}
