package dev.switchboard.torrent.tracker.udp;

import static dev.switchboard.torrent.tracker.udp.UdpWire.INFO_HASH;
import static dev.switchboard.torrent.tracker.udp.UdpWire.PEER_ID;
import static dev.switchboard.torrent.tracker.udp.UdpWire.announce;
import static dev.switchboard.torrent.tracker.udp.UdpWire.buf;
import static dev.switchboard.torrent.tracker.udp.UdpWire.concat;
import static dev.switchboard.torrent.tracker.udp.UdpWire.connect;
import static dev.switchboard.torrent.tracker.udp.UdpWire.filled;
import static dev.switchboard.torrent.tracker.udp.UdpWire.scrape;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.torrent.tracker.AnnounceEvent;
import dev.switchboard.torrent.tracker.udp.UdpTrackerRequest.AnnounceRequest;
import dev.switchboard.torrent.tracker.udp.UdpTrackerRequest.ConnectRequest;
import dev.switchboard.torrent.tracker.udp.UdpTrackerRequest.ScrapeRequest;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** BEP 15 requests: valid, truncated at every length, oversized and hostile. */
class UdpTrackerDecoderTest {
    private final UdpTrackerDecoder decoder = new UdpTrackerDecoder(74);

    private UdpTrackerRequest decode(byte[] bytes) {
        ByteBuf in = buf(bytes);
        UdpTrackerRequest request = decoder.decode(in);
        assertThat(in.readerIndex()).as("reader index untouched").isZero();
        return request;
    }

    private UdpTrackerDecodeException failure(byte[] bytes) {
        return catchThrowableOfType(UdpTrackerDecodeException.class, () -> decoder.decode(buf(bytes)));
    }

    @Nested
    class Valid {
        @Test
        void connect() {
            assertThat(decode(UdpWire.connect(0xCAFEBABE))).isEqualTo(new ConnectRequest(0xCAFEBABE));
        }

        @Test
        void announceReadsEveryField() {
            AnnounceRequest a = (AnnounceRequest) decode(announce(0x1122334455667788L, 42, 1000, 2, -1, 0xFFFF));
            assertThat(a.connectionId()).isEqualTo(0x1122334455667788L);
            assertThat(a.transactionId()).isEqualTo(42);
            assertThat(a.infoHash().bytes()).isEqualTo(INFO_HASH);
            assertThat(a.peerId().bytes()).isEqualTo(PEER_ID);
            assertThat(a.downloaded()).isEqualTo(5);
            assertThat(a.left()).isEqualTo(1000);
            assertThat(a.uploaded()).isEqualTo(7);
            assertThat(a.event()).isEqualTo(AnnounceEvent.STARTED);
            assertThat(a.ipAddress()).isZero();
            assertThat(a.key()).isEqualTo(0x1234);
            assertThat(a.numWant()).isEqualTo(-1);
            assertThat(a.port()).isEqualTo(65535);
        }

        @Test
        void announceWithBep41OptionsAsLibtorrentSendsThem() {
            byte[] options = {
                    2, 9, '/', 'a', 'n', 'n', 'o', 'u', 'n', 'c', 'e', // URLData "/announce"
                    1,                                              // NOP
                    0, 99, 99};                                     // EndOfOptions, then ignored bytes
            AnnounceRequest a = (AnnounceRequest) decode(concat(announce(1, 2, 0, 0, 50, 6881), options));
            assertThat(a.event()).isEqualTo(AnnounceEvent.NONE);
            assertThat(a.port()).isEqualTo(6881);
        }

        @Test
        void scrapeOfOneAndOfTheMaximum() {
            ScrapeRequest one = (ScrapeRequest) decode(scrape(9, 10, INFO_HASH));
            assertThat(one.connectionId()).isEqualTo(9);
            assertThat(one.infoHashes()).extracting(h -> h.hex()).containsExactly("ab".repeat(20));
            byte[][] many = new byte[74][];
            for (int i = 0; i < many.length; i++) {
                many[i] = filled(20, i);
            }
            assertThat(((ScrapeRequest) decode(scrape(9, 10, many))).infoHashes()).hasSize(74);
        }
    }

    @Nested
    class Malformed {
        @Test
        void tooShortForATransactionIdIsUnanswerable() {
            for (int length = 0; length < 16; length++) {
                UdpTrackerDecodeException e = failure(new byte[length]);
                assertThat(e.hasTransactionId()).isFalse();
                assertThat(e.reason()).isEqualTo("datagram of " + length + " bytes: a request has at least 16");
            }
        }

        @Test
        void announceTruncatedAtEveryLengthIsAnsweredWithItsTransactionId() {
            byte[] full = announce(1, 77, 0, 0, 50, 6881);
            for (int length = 16; length < full.length; length++) {
                UdpTrackerDecodeException e = failure(Arrays.copyOf(full, length));
                assertThat(e.hasTransactionId()).isTrue();
                assertThat(e.transactionId()).isEqualTo(77);
                assertThat(e.reason()).isEqualTo("announce request of " + length + " bytes: must be at least 98");
            }
        }

        @Test
        void scrapeWithAPartialInfoHashOrNone() {
            byte[] full = scrape(1, 5, INFO_HASH, INFO_HASH);
            for (int length = 16; length < full.length; length++) {
                if ((length - 16) % 20 == 0 && length > 16) {
                    continue;
                }
                assertThat(failure(Arrays.copyOf(full, length)).reason())
                        .isEqualTo("scrape request of " + length + " bytes: must be 16 plus 20 for each info-hash");
            }
        }

        @Test
        void connectOfTheWrongLengthOrWithoutTheMagic() {
            assertThat(failure(concat(connect(3), new byte[1])).reason())
                    .isEqualTo("connect request of 17 bytes: must be 16");
            byte[] wrongMagic = connect(3);
            wrongMagic[0] = 1;
            UdpTrackerDecodeException e = failure(wrongMagic);
            assertThat(e.transactionId()).isEqualTo(3);
            assertThat(e.reason()).isEqualTo("connect without the protocol id 0x41727101980");
        }

        @Test
        void unknownActionEventAndBadFields() {
            byte[] action = connect(8);
            action[11] = 4;
            assertThat(failure(action).reason()).isEqualTo("unknown action 4 (0 connect, 1 announce, 2 scrape)");
            action[8] = (byte) 0xFF;
            assertThat(failure(action).reason()).startsWith("unknown action 4278190084");
            assertThat(failure(announce(1, 2, 0, 4, 50, 6881)).reason())
                    .isEqualTo("unknown event 4 (0 none, 1 completed, 2 started, 3 stopped)");
            assertThat(failure(announce(1, 2, -1, 0, 50, 6881)).reason())
                    .isEqualTo("negative downloaded, left or uploaded");
            assertThat(failure(announce(1, 2, 0, 0, 50, 0)).reason()).isEqualTo("invalid port 0");
        }

        @Test
        void truncatedBep41Options() {
            byte[] base = announce(1, 2, 0, 0, 50, 6881);
            assertThat(failure(concat(base, new byte[] {2})).reason())
                    .isEqualTo("truncated BEP 41 option of type 2 after the announce");
            assertThat(failure(concat(base, new byte[] {2, 5, 'a', 'b'})).reason())
                    .isEqualTo("truncated BEP 41 option of type 2 after the announce");
        }
    }

    @Nested
    class Oversized {
        @Test
        void tooManyInfoHashesInAScrape() {
            byte[][] many = new byte[75][];
            Arrays.fill(many, INFO_HASH);
            assertThat(failure(scrape(1, 2, many)).reason()).isEqualTo("scrape of 75 info-hashes: at most 74");
        }

        @Test
        void aDatagramLongerThanTheMaximum() {
            byte[] huge = concat(announce(1, 6, 0, 0, 50, 6881), new byte[2048]);
            UdpTrackerDecodeException e = failure(huge);
            assertThat(e.transactionId()).isEqualTo(6);
            assertThat(e.reason()).isEqualTo("datagram too long: at most 2048 bytes");
        }
    }

    @Property(tries = 2000)
    void anyBytesDecodeOrFailWithAReason(@ForAll @Size(max = 200) byte[] bytes) {
        try {
            decoder.decode(buf(bytes));
        } catch (UdpTrackerDecodeException e) {
            assertThat(e.reason()).isNotBlank();
            assertThat(e.hasTransactionId()).isEqualTo(bytes.length >= 16);
        }
    }

    @Test
    void aSliceIsReadFromItsReaderIndex() {
        ByteBuf in = buf(concat(new byte[] {9, 9, 9}, connect(5)));
        in.readerIndex(3);
        assertThat(decoder.decode(in)).isEqualTo(new ConnectRequest(5));
        assertThatThrownBy(() -> decoder.decode(buf(new byte[3]))).isInstanceOf(UdpTrackerDecodeException.class);
    }
}
