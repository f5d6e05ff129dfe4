package dev.switchboard.torrent.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpScrapeTest {
    private static HttpScrape parse(String query, int max) {
        return HttpScrape.from(QueryString.parse(query.getBytes(StandardCharsets.ISO_8859_1), 300), max);
    }

    @Test
    void readsEveryInfoHashOnceInOrder() {
        String a = "%aa".repeat(20);
        String b = "%bb".repeat(20);
        HttpScrape scrape = parse("info_hash=" + b + "&info_hash=" + a + "&info_hash=" + b, 5);
        assertThat(scrape.infoHashes()).extracting(h -> h.hex()).containsExactly("bb".repeat(20), "aa".repeat(20));
    }

    @Test
    void fullScrapesBadHashesAndTooManyAreRefused() {
        assertThatThrownBy(() -> parse("", 5))
                .hasMessage("missing parameter 'info_hash': this tracker does not do full scrapes");
        assertThatThrownBy(() -> parse("info_hash=abc", 5)).hasMessage("invalid info_hash: must be 20 bytes, got 3");
        assertThatThrownBy(() -> parse(("info_hash=" + "%aa".repeat(20) + "&").repeat(6), 5))
                .hasMessage("too many info_hash parameters: at most 5 a scrape, got 6");
    }
}
