package dev.switchboard.torrent.metainfo;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What {@link TorrentCreator} puts in a new torrent besides its files. Build with {@link #builder()},
 * which checks every value.
 *
 * @param trackerTiers BEP 12 tiers of announce URLs (http, https or udp); the first URL is also written
 *     as {@code announce}, and {@code announce-list} is written only when there is more than one URL
 * @param pieceLength the piece length, or empty to pick one by {@link PieceLength#auto}
 * @param privateTorrent whether to set BEP 27 {@code private=1}
 * @param comment the {@code comment}, if any
 * @param createdBy the {@code created by} field, e.g. {@code switchboard 0.1.0}
 * @param clock where the {@code creation date} comes from
 * @param hashThreads how many threads hash pieces; defaults to the number of processors
 * @param readBufferSize bytes each hashing thread reads at once (its whole memory); defaults to 1 MiB
 */
public record TorrentCreatorConfig(List<List<String>> trackerTiers, OptionalInt pieceLength, boolean privateTorrent,
                                   Optional<String> comment, String createdBy, Clock clock, int hashThreads,
                                   int readBufferSize) {
    /** Smallest {@link #readBufferSize}: 4 KiB. */
    public static final int MIN_READ_BUFFER = 4 * 1024;
    /** Largest {@link #readBufferSize}: 64 MiB. */
    public static final int MAX_READ_BUFFER = 64 * 1024 * 1024;

    private static final Set<String> TRACKER_SCHEMES = Set.of("http", "https", "udp");

    /** Checks every value; see the builder's methods for the rules. */
    public TorrentCreatorConfig {
        trackerTiers = copyTiers(trackerTiers);
        Objects.requireNonNull(pieceLength, "pieceLength");
        pieceLength.ifPresent(PieceLength::requireValid);
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(clock, "clock");
        if (hashThreads < 1) {
            throw new IllegalArgumentException("hashThreads must be at least 1, got " + hashThreads);
        }
        if (readBufferSize < MIN_READ_BUFFER || readBufferSize > MAX_READ_BUFFER) {
            throw new IllegalArgumentException("readBufferSize must be from " + MIN_READ_BUFFER + " to "
                    + MAX_READ_BUFFER + " bytes, got " + readBufferSize);
        }
    }

    /** Returns a builder: no trackers, automatic piece length, public, no comment, system clock. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns {@code url} if it is an absolute http, https or udp URL with a host, else throws. */
    public static String checkTrackerUrl(String url) {
        Objects.requireNonNull(url, "url");
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (TRACKER_SCHEMES.contains(scheme) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below, like any other unusable URL
        }
        throw new IllegalArgumentException("tracker URL '" + url
                + "' is not an http://, https:// or udp:// URL with a host");
    }

    private static List<List<String>> copyTiers(List<List<String>> tiers) {
        List<List<String>> copy = new ArrayList<>();
        for (List<String> tier : Objects.requireNonNull(tiers, "trackerTiers")) {
            if (tier.isEmpty()) {
                throw new IllegalArgumentException("a tracker tier must have at least one URL");
            }
            tier.forEach(TorrentCreatorConfig::checkTrackerUrl);
            copy.add(List.copyOf(tier));
        }
        return List.copyOf(copy);
    }

    /** Collects the settings of a {@link TorrentCreatorConfig}; each setter checks its value. */
    public static final class Builder {
        private final List<List<String>> trackerTiers = new ArrayList<>();
        private OptionalInt pieceLength = OptionalInt.empty();
        private boolean privateTorrent;
        private Optional<String> comment = Optional.empty();
        private String createdBy = "switchboard";
        private Clock clock = Clock.systemUTC();
        private int hashThreads = Runtime.getRuntime().availableProcessors();
        private int readBufferSize = 1024 * 1024;

        private Builder() {}

        /** Adds {@code url} as a tier of its own, after the tiers added so far. */
        public Builder tracker(String url) {
            return tier(List.of(url));
        }

        /** Adds a tier of announce URLs, tried in order by clients (BEP 12). */
        public Builder tier(List<String> urls) {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("a tracker tier must have at least one URL");
            }
            urls.forEach(TorrentCreatorConfig::checkTrackerUrl);
            trackerTiers.add(List.copyOf(urls));
            return this;
        }

        /** Uses pieces of {@code bytes}, a power of two from 16 KiB to 256 MiB. */
        public Builder pieceLength(int bytes) {
            this.pieceLength = OptionalInt.of(PieceLength.requireValid(bytes));
            return this;
        }

        /** Picks the piece length from the content's size (the default); see {@link PieceLength#auto}. */
        public Builder autoPieceLength() {
            this.pieceLength = OptionalInt.empty();
            return this;
        }

        /** Marks the torrent private (BEP 27). */
        public Builder privateTorrent(boolean value) {
            this.privateTorrent = value;
            return this;
        }

        /** Sets the comment. */
        public Builder comment(String text) {
            this.comment = Optional.of(Objects.requireNonNull(text, "comment"));
            return this;
        }

        /** Sets the {@code created by} field (default {@code switchboard}). */
        public Builder createdBy(String text) {
            this.createdBy = Objects.requireNonNull(text, "createdBy");
            return this;
        }

        /** Sets the clock the creation date is read from. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** Sets how many threads hash pieces, at least 1. */
        public Builder hashThreads(int value) {
            this.hashThreads = value;
            return this;
        }

        /** Sets how many bytes each hashing thread reads at once. */
        public Builder readBufferSize(int bytes) {
            this.readBufferSize = bytes;
            return this;
        }

        /** Returns the checked configuration. */
        public TorrentCreatorConfig build() {
            return new TorrentCreatorConfig(trackerTiers, pieceLength, privateTorrent, comment, createdBy, clock,
                    hashThreads, readBufferSize);
        }
    }
}
