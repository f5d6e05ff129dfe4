package dev.switchboard.torrent.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * At most {@code capacity} open file channels, the least recently used closed first, so a torrent of
 * thousands of files needs only a few descriptors. Files are opened read-only until something is to be
 * written, then reopened for writing (created, sparse, parent directories too).
 *
 * <p>Thread-safe. A channel handed out may be closed by another thread making room; the caller then gets
 * a {@link java.nio.channels.ClosedChannelException} and simply asks again (see {@link FilePieceStorage}).
 */
final class OpenFiles implements AutoCloseable {
    private static final Set<StandardOpenOption> READ = Set.of(StandardOpenOption.READ);
    private static final Set<StandardOpenOption> WRITE =
            Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);

    private final ChannelOpener opener;
    private final int capacity;
    private final Map<Integer, Open> open = new LinkedHashMap<>(16, 0.75f, true); // guarded by this
    private boolean closed; // guarded by this

    private record Open(FileChannel channel, boolean writable) {}

    OpenFiles(ChannelOpener opener, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.opener = opener;
        this.capacity = capacity;
    }

    /** Returns an open channel on {@code path} (file number {@code file}), writable if asked. */
    synchronized FileChannel channel(int file, Path path, boolean writable) throws IOException {
        if (closed) {
            throw new IOException("storage is closed");
        }
        Open current = open.get(file);
        if (current != null && current.channel.isOpen() && (current.writable || !writable)) {
            return current.channel;
        }
        if (current != null) {
            open.remove(file);
            current.channel.close();
        }
        if (writable) {
            Files.createDirectories(path.getParent());
        }
        FileChannel channel = opener.open(path, writable ? WRITE : READ);
        open.put(file, new Open(channel, writable));
        evictBeyondCapacity();
        return channel;
    }

    private void evictBeyondCapacity() throws IOException {
        Iterator<Open> eldest = open.values().iterator();
        while (open.size() > capacity) {
            FileChannel channel = eldest.next().channel;
            eldest.remove();
            channel.close();
        }
    }

    /** Closes every channel; later calls to {@link #channel} fail. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        IOException first = null;
        for (Open file : open.values()) {
            try {
                file.channel.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
