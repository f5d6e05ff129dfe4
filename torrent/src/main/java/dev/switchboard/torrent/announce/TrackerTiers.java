package dev.switchboard.torrent.announce;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A torrent's trackers in BEP 12 order: tiers tried first to last, trackers within a tier shuffled
 * once, and a tracker that answers moved to the front of its tier. Each tracker remembers whether it
 * has been told {@code started}. Not thread-safe: the {@link Announcer} confines it to its scheduler.
 */
final class TrackerTiers {
    private static final Logger LOG = LoggerFactory.getLogger(TrackerTiers.class);

    /** One tracker of a tier and what it has been told. */
    static final class Tracker {
        final TrackerClient client;
        boolean started;

        Tracker(TrackerClient client) {
            this.client = client;
        }
    }

    private final List<List<Tracker>> tiers = new ArrayList<>();

    /**
     * Opens a client for each URL; URLs that do not parse or whose scheme is not supported are left
     * out with a warning, and so are tiers left empty.
     */
    TrackerTiers(List<List<String>> urls, Function<URI, TrackerClient> clients, Random random) {
        for (List<String> tierUrls : urls) {
            List<Tracker> tier = new ArrayList<>();
            for (String url : tierUrls) {
                try {
                    tier.add(new Tracker(clients.apply(new URI(url))));
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    LOG.warn("announce: skipping tracker '{}': {}", url, e.getMessage());
                }
            }
            if (!tier.isEmpty()) {
                Collections.shuffle(tier, random);
                tiers.add(tier);
            }
        }
    }

    int tierCount() {
        return tiers.size();
    }

    int size(int tier) {
        return tiers.get(tier).size();
    }

    Tracker get(int tier, int index) {
        return tiers.get(tier).get(index);
    }

    /** BEP 12: a tracker that answered moves to the front of its tier. */
    void promote(int tier, int index) {
        tiers.get(tier).add(0, tiers.get(tier).remove(index));
    }

    /** Every tracker told {@code started} and not yet {@code stopped}. */
    List<Tracker> started() {
        List<Tracker> started = new ArrayList<>();
        tiers.forEach(tier -> tier.stream().filter(t -> t.started).forEach(started::add));
        return started;
    }

    List<List<URI>> uris() {
        return tiers.stream().map(tier -> tier.stream().map(t -> t.client.uri()).toList()).toList();
    }

    void closeAll() {
        tiers.forEach(tier -> tier.forEach(t -> t.client.close()));
    }
}
