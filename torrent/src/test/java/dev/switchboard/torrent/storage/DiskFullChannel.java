package dev.switchboard.torrent.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileSystemException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file channel on a device with {@code space} bytes left, shared by every channel made with the same
 * counter: writes beyond it fail as Linux reports ENOSPC. Everything else goes to the real file.
 */
final class DiskFullChannel extends FileChannel {
    private final FileChannel real;
    private final AtomicLong space;
    private final String file;

    DiskFullChannel(FileChannel real, AtomicLong space, String file) {
        this.real = real;
        this.space = space;
        this.file = file;
    }

    private int take(ByteBuffer source) throws IOException {
        int wanted = source.remaining();
        long left = space.get();
        if (left <= 0) {
            throw new FileSystemException(file, null, "No space left on device");
        }
        int granted = (int) Math.min(wanted, left);
        space.addAndGet(-granted);
        return granted;
    }

    @Override
    public int write(ByteBuffer source, long position) throws IOException {
        int granted = take(source);
        ByteBuffer part = source.duplicate();
        part.limit(part.position() + granted);
        int written = real.write(part, position);
        source.position(source.position() + written);
        return written;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return write(source, real.position());
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        return real.read(target);
    }

    @Override
    public long read(ByteBuffer[] targets, int offset, int length) throws IOException {
        return real.read(targets, offset, length);
    }

    @Override
    public int read(ByteBuffer target, long position) throws IOException {
        return real.read(target, position);
    }

    @Override
    public long position() throws IOException {
        return real.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        real.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return real.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        real.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        real.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return real.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel source, long position, long count) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) {
        throw new UnsupportedOperationException("no mmap in torrent storage");
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return real.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return real.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        real.close();
    }
}
