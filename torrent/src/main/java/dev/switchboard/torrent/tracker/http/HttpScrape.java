package dev.switchboard.torrent.tracker.http;

import dev.switchboard.torrent.InfoHash;
import dev.switchboard.torrent.tracker.TrackerException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * An HTTP scrape (BEP 48) read from its query string: one or more {@code info_hash} parameters. A
 * scrape without any (a "full scrape" of every torrent) is refused: its reply would grow with the
 * tracker.
 */
public record HttpScrape(List<InfoHash> infoHashes) {
    public HttpScrape {
        infoHashes = List.copyOf(infoHashes);
    }

    /** @throws TrackerException for no info_hash, a bad one, or more than {@code maxHashes} */
    public static HttpScrape from(QueryString query, int maxHashes) {
        List<byte[]> values = query.all("info_hash");
        if (values.isEmpty()) {
            throw new TrackerException("missing parameter 'info_hash': this tracker does not do full scrapes");
        }
        if (values.size() > maxHashes) {
            throw new TrackerException("too many info_hash parameters: at most " + maxHashes + " a scrape, got "
                    + values.size());
        }
        LinkedHashSet<InfoHash> hashes = new LinkedHashSet<>();
        for (byte[] value : values) {
            if (value.length != InfoHash.LENGTH) {
                throw new TrackerException("invalid info_hash: must be 20 bytes, got " + value.length);
            }
            hashes.add(InfoHash.of(value));
        }
        return new HttpScrape(new ArrayList<>(hashes));
    }
}
