package dev.switchboard.torrent.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Set;

/** Opens a file; {@link FileChannel#open(Path, Set, java.nio.file.attribute.FileAttribute[])} but replaceable in tests. */
@FunctionalInterface
interface ChannelOpener {
    /** Opens real files. */
    ChannelOpener FILES = (path, options) -> FileChannel.open(path, options);

    FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException;
}
