package dev.switchboard.torrent.tracker;

/**
 * One torrent's counts, as a scrape reports them (BEP 48 and BEP 15).
 *
 * @param complete seeders now
 * @param downloaded how many peers announced {@code completed} since the tracker started
 * @param incomplete leechers now
 */
public record ScrapeStats(int complete, int downloaded, int incomplete) {
    public static final ScrapeStats NONE = new ScrapeStats(0, 0, 0);
}
