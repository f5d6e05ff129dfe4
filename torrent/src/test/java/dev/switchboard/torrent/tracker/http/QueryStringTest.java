package dev.switchboard.torrent.tracker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.torrent.tracker.TrackerException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Raw-byte query parsing: what clients send for info_hash and peer_id is binary, never text. */
class QueryStringTest {
    private static QueryString parse(String query) {
        return QueryString.parse(query.getBytes(StandardCharsets.ISO_8859_1), 64);
    }

    @Test
    void percentEscapesBecomeSingleBytesOfAnyValue() {
        QueryString q = parse("info_hash=%00%ff%FFa%2B+~&port=6881");
        assertThat(q.required("info_hash")).containsExactly(0x00, 0xff, 0xff, 'a', '+', '+', '~');
        assertThat(q.text("port")).contains("6881");
    }

    @Test
    void emptyPartsAreSkippedAndValuelessParametersAreEmpty() {
        QueryString q = parse("&&a&b=&=x&c=1&");
        assertThat(q.required("a")).isEmpty();
        assertThat(q.required("b")).isEmpty();
        assertThat(q.required("")).containsExactly('x');
        assertThat(q.text("c")).contains("1");
        assertThat(q.single("missing")).isEmpty();
        assertThat(parse("").all("a")).isEmpty();
    }

    @Test
    void repeatedParametersAreKeptInOrderButAreAnErrorWhereOneIsExpected() {
        QueryString q = parse("info_hash=a&info_hash=b");
        assertThat(q.all("info_hash")).extracting(String::new).containsExactly("a", "b");
        assertThatThrownBy(() -> q.single("info_hash")).isInstanceOf(TrackerException.class)
                .hasMessage("parameter 'info_hash' is given 2 times");
    }

    @Test
    void badEscapesAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> parse("info_hash=%zz")).isInstanceOf(TrackerException.class)
                .hasMessage("bad percent-escape in query parameter 'info_hash': '%' must be followed by two hex digits");
        assertThatThrownBy(() -> parse("peer_id=abc%4")).hasMessageContaining("'peer_id'");
        assertThatThrownBy(() -> parse("peer_id=abc%")).hasMessageContaining("'peer_id'");
        assertThatThrownBy(() -> parse("x%g0=1")).hasMessageContaining("parameter name");
    }

    @Test
    void theNumberOfParametersIsBounded() {
        assertThatThrownBy(() -> QueryString.parse("a=1&".repeat(65).getBytes(StandardCharsets.US_ASCII), 64))
                .hasMessage("too many query parameters: at most 64");
    }

    @Test
    void missingRequiredParameterIsNamed() {
        assertThatThrownBy(() -> parse("a=1").required("info_hash")).hasMessage("missing parameter 'info_hash'");
    }

    @Property(tries = 300)
    void anyBytesSurvivePercentEncoding(@ForAll @Size(max = 40) byte[] value) {
        StringBuilder query = new StringBuilder("v=");
        for (byte b : value) {
            query.append(String.format("%%%02x", b & 0xff));
        }
        assertThat(parse(query.toString()).required("v")).isEqualTo(value);
    }
}
