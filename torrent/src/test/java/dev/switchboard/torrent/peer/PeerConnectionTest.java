package dev.switchboard.torrent.peer;

import static dev.switchboard.torrent.peer.PeerConnectionFixture.pieces;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.torrent.wire.ExtensionHandshake;
import dev.switchboard.torrent.wire.PeerMessage;
import dev.switchboard.torrent.wire.PeerMessage.Request;
import dev.switchboard.torrent.wire.PeerWireException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The per-connection state machine, without Netty: what it accepts, refuses and sends. */
class PeerConnectionTest {
    static PeerWireException violation(Runnable action) {
        try {
            action.run();
        } catch (PeerWireException e) {
            return e;
        }
        throw new AssertionError("expected a PeerWireException");
    }

    @Nested
    class PeerPieces {
        final PeerConnectionFixture f = new PeerConnectionFixture(true, true);

        @Test
        void bitfieldThenHaves() {
            f.connection.receive(PeerMessage.BitfieldMessage.of(pieces(0, 9), 10));
            f.connection.receive(new PeerMessage.Have(3));
            f.connection.receive(new PeerMessage.Have(3)); // a repeat is harmless and not reported twice
            assertThat(f.takeEvents()).containsExactly("bitfield {0, 9}", "have 3");
            assertThat(f.connection.peerPieces()).isEqualTo(pieces(0, 3, 9));
        }

        @Test
        void aLaterBitfieldIsMergedNotAViolationAsAria2SendsOne() {
            f.connection.receive(new PeerMessage.Have(1));
            f.connection.receive(PeerMessage.HaveNone.INSTANCE); // adds nothing: not reported
            f.connection.receive(PeerMessage.BitfieldMessage.of(pieces(4, 5), 10));
            assertThat(f.takeEvents()).containsExactly("have 1", "bitfield {1, 4, 5}");
            assertThat(f.connection.peerPieces()).isEqualTo(pieces(1, 4, 5));
        }

        @Test
        void haveAllAndHaveNone() {
            f.connection.receive(PeerMessage.HaveAll.INSTANCE);
            assertThat(f.connection.peerPieces().cardinality()).isEqualTo(10);
            PeerConnectionFixture g = new PeerConnectionFixture(true, false);
            g.connection.receive(PeerMessage.HaveNone.INSTANCE);
            assertThat(g.takeEvents()).containsExactly("bitfield {}");
        }

        @Test
        void haveOutOfRangeOrNegative() {
            assertThat(violation(() -> f.connection.receive(new PeerMessage.Have(10))).getMessage())
                    .isEqualTo("have for piece index 10 out of range (10 pieces)");
            assertThat(violation(() -> f.connection.receive(new PeerMessage.Have(-1))).getMessage())
                    .isEqualTo("have for piece index 4294967295 out of range (10 pieces)");
        }

        @Test
        void haveAfterHaveAll() {
            f.connection.receive(PeerMessage.HaveAll.INSTANCE);
            assertThat(violation(() -> f.connection.receive(new PeerMessage.Have(2))).getMessage())
                    .isEqualTo("have for piece 2 after have all");
        }


        @Test
        void bitfieldWithSpareBitsOrWrongLength() {
            assertThat(violation(() -> f.connection.receive(new PeerMessage.BitfieldMessage(new byte[] {0, 1}))).kind())
                    .isEqualTo(PeerWireException.Kind.MALFORMED);
            assertThat(violation(() -> f.connection.receive(new PeerMessage.BitfieldMessage(new byte[3]))).getMessage())
                    .isEqualTo("bitfield has 3 bytes, a torrent of 10 pieces needs 2");
        }

        @Test
        void fastMessagesWithoutTheFastExtension() {
            PeerConnectionFixture plain = new PeerConnectionFixture(false, false);
            for (PeerMessage m : List.of(PeerMessage.HaveAll.INSTANCE, PeerMessage.HaveNone.INSTANCE,
                    new PeerMessage.Suggest(1), new PeerMessage.AllowedFast(1), new PeerMessage.Reject(0, 0, 16384))) {
                assertThat(violation(() -> plain.connection.receive(m)).getMessage())
                        .endsWith("without the fast extension negotiated");
            }
            assertThat(violation(() -> plain.connection.receive(new PeerMessage.Extended(0, "de".getBytes()))).getMessage())
                    .isEqualTo("extended message without the extension protocol negotiated");
        }
    }

    @Nested
    class Choking {
        @Test
        void withoutFastAChokeDropsEveryOutstandingRequest() {
            PeerConnectionFixture f = new PeerConnectionFixture(false, false);
            f.peerSeedsAndUnchokes();
            f.connection.request(0, 0, 16384);
            f.connection.request(0, 16384, 16384);
            f.connection.receive(PeerMessage.Choke.INSTANCE);
            assertThat(f.takeEvents()).containsExactly("choke", "reject 0+0", "reject 0+16384");
            assertThat(f.connection.outstandingRequests()).isEmpty();
            f.deliver(new Request(0, 0, 16384)); // trailing the choke: ignored, not a violation
            assertThat(f.takeEvents()).isEmpty();
        }

        @Test
        void withFastAChokeKeepsRequestsUntilEachIsRejected() {
            PeerConnectionFixture f = new PeerConnectionFixture(true, false);
            f.peerSeedsAndUnchokes();
            Request a = f.connection.request(0, 0, 16384);
            f.connection.receive(PeerMessage.Choke.INSTANCE);
            assertThat(f.connection.outstandingRequests()).containsExactly(a);
            f.connection.receive(PeerMessage.Reject.of(a));
            assertThat(f.takeEvents()).containsExactly("choke", "reject 0+0");
            assertThat(violation(() -> f.connection.receive(PeerMessage.Reject.of(a))).getMessage())
                    .isEqualTo("reject for piece 0 block 0+16384, which we never requested");
        }

        @Test
        void withFastAnUnrequestedPieceIsAViolation() {
            PeerConnectionFixture f = new PeerConnectionFixture(true, false);
            f.peerSeedsAndUnchokes();
            assertThat(violation(() -> f.deliver(new Request(1, 0, 100))).getMessage())
                    .isEqualTo("piece 1 block 0+100 was never requested");
        }

        @Test
        void requestingWhileChokedOnlyForAllowedFastPieces() {
            PeerConnectionFixture f = new PeerConnectionFixture(true, false);
            f.connection.receive(PeerMessage.HaveAll.INSTANCE);
            assertThatThrownBy(() -> f.connection.request(2, 0, 16384)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the peer chokes us and did not allow piece 2 fast");
            f.connection.receive(new PeerMessage.AllowedFast(2));
            assertThat(f.connection.request(2, 0, 16384)).isEqualTo(new Request(2, 0, 16384));
        }

        @Test
        void ourChokeRejectsQueuedRequestsExceptAllowedFastUnderFast() {
            PeerConnectionFixture f = new PeerConnectionFixture(true, false);
            f.connection.sendPieces(pieces(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            f.connection.allowFast(List.of(4));
            f.connection.unchoke();
            f.connection.receive(new Request(3, 0, 16384));
            f.connection.receive(new Request(4, 0, 16384));
            f.takeSent();
            f.connection.choke();
            assertThat(f.takeSent()).containsExactly(PeerMessage.Choke.INSTANCE, new PeerMessage.Reject(3, 0, 16384));
            assertThat(f.connection.peerRequests()).containsExactly(new Request(4, 0, 16384));
            assertThat(f.connection.sendBlock(new Request(3, 0, 16384), Unpooled.buffer(16384).writeZero(16384)))
                    .as("voided by the choke; the block is released").isFalse();
        }

        @Test
        void requestsFromAChokedPeerAreRejectedUnderFastAndDroppedWithout() {
            PeerConnectionFixture f = new PeerConnectionFixture(true, false);
            f.connection.sendPieces(pieces(1));
            f.takeSent();
            f.connection.receive(new Request(1, 0, 16384));
            assertThat(f.takeSent()).containsExactly(new PeerMessage.Reject(1, 0, 16384));
            PeerConnectionFixture g = new PeerConnectionFixture(false, false);
            g.connection.sendPieces(pieces(1));
            g.takeSent();
            g.connection.receive(new Request(1, 0, 16384));
            assertThat(g.takeSent()).isEmpty();
            assertThat(g.takeEvents()).isEmpty();
        }

        @Test
        void flagsAndTheirMessagesAreSentOnlyOnChange() {
            PeerConnectionFixture f = new PeerConnectionFixture(false, false);
            f.connection.interested();
            f.connection.interested();
            f.connection.unchoke();
            f.connection.choke();
            f.connection.notInterested();
            assertThat(f.takeSent()).containsExactly(PeerMessage.Interested.INSTANCE, PeerMessage.Unchoke.INSTANCE,
                    PeerMessage.Choke.INSTANCE, PeerMessage.NotInterested.INSTANCE);
            f.connection.receive(PeerMessage.Interested.INSTANCE);
            assertThat(f.connection.peerInterested()).isTrue();
            assertThat(f.takeEvents()).containsExactly("interest true");
        }
    }

    @Nested
    class PeerRequests {
        final PeerConnectionFixture f = new PeerConnectionFixture(true, false,
                PeerConnectionConfig.defaults().withMaxPeerRequests(3));

        PeerRequests() {
            f.connection.sendPieces(pieces(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            f.connection.unchoke();
            f.takeSent();
        }

        @Test
        void blocksOutsideTheGeometryAreViolations() {
            assertThat(violation(() -> f.connection.receive(new Request(10, 0, 16384))).getMessage())
                    .isEqualTo("request for piece index 10 out of range (10 pieces)");
            assertThat(violation(() -> f.connection.receive(new Request(0, 0, 16385))).getMessage())
                    .isEqualTo("request for block length 16385 outside 1..16384");
            assertThat(violation(() -> f.connection.receive(new Request(0, 0, 0))).getMessage())
                    .isEqualTo("request for block length 0 outside 1..16384");
            assertThat(violation(() -> f.connection.receive(new Request(9, 16384, 16384))).getMessage())
                    .as("the last piece has 20,000 bytes")
                    .isEqualTo("request for block 16384+16384 beyond piece 9 of 20000 bytes");
            assertThat(violation(() -> f.connection.receive(new Request(0, -16384, 16384))).getMessage())
                    .isEqualTo("request for block 4294950912+16384 beyond piece 0 of 32768 bytes");
        }

        @Test
        void theLastPiecesShortTailIsAValidBlock() {
            f.connection.receive(new Request(9, 16384, 20_000 - 16384));
            assertThat(f.takeEvents()).containsExactly("request 9+16384");
        }

        @Test
        void pastTheBoundRequestsAreRejectedUnderFast() {
            for (int begin = 0; begin < 4 * 8192; begin += 8192) {
                f.connection.receive(new Request(0, begin, 8192));
            }
            assertThat(f.connection.peerRequests()).hasSize(3);
            assertThat(f.takeSent()).containsExactly(new PeerMessage.Reject(0, 24576, 8192));
        }

        @Test
        void pastTheBoundWithoutFastThePeerIsDropped() {
            PeerConnectionFixture g = new PeerConnectionFixture(false, false,
                    PeerConnectionConfig.defaults().withMaxPeerRequests(1));
            g.connection.sendPieces(pieces(0));
            g.connection.unchoke();
            g.connection.receive(new Request(0, 0, 8192));
            assertThat(violation(() -> g.connection.receive(new Request(0, 8192, 8192))).getMessage())
                    .isEqualTo("more than 1 requests queued");
        }

        @Test
        void requestForAPieceWeLackIsRejectedUnderFast() {
            PeerConnectionFixture g = new PeerConnectionFixture(true, false);
            g.connection.sendPieces(pieces(0));
            g.connection.unchoke();
            g.takeSent();
            g.connection.receive(new Request(5, 0, 16384));
            assertThat(g.takeSent()).containsExactly(new PeerMessage.Reject(5, 0, 16384));
        }

        @Test
        void cancelUnderFastIsAnsweredWithAReject() {
            f.connection.receive(new Request(0, 0, 16384));
            f.connection.receive(new PeerMessage.Cancel(0, 0, 16384));
            assertThat(f.takeSent()).containsExactly(new PeerMessage.Reject(0, 0, 16384));
            assertThat(f.takeEvents()).containsExactly("request 0+0", "cancel 0+0");
            assertThat(f.connection.sendBlock(new Request(0, 0, 16384), Unpooled.buffer().writeZero(16384))).isFalse();
        }

        @Test
        void sendBlockAnswersOnceWithoutCopying() {
            Request r = new Request(0, 0, 4);
            f.connection.receive(r);
            ByteBuf block = Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4});
            assertThat(f.connection.sendBlock(r, block)).isTrue();
            PeerMessage.Piece piece = (PeerMessage.Piece) f.sent.get(0);
            assertThat(piece.block()).isSameAs(block);
            f.takeSent();
            assertThat(block.refCnt()).isZero();
            assertThat(f.connection.peerRequests()).isEmpty();
        }

        @Test
        void sendBlockOfTheWrongLengthIsAnEngineBug() {
            f.connection.receive(new Request(0, 0, 4));
            ByteBuf block = Unpooled.buffer().writeZero(3);
            assertThatThrownBy(() -> f.connection.sendBlock(new Request(0, 0, 4), block))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(block.refCnt()).isZero();
        }
    }

    @Nested
    class OurRequests {
        final PeerConnectionFixture f = new PeerConnectionFixture(true, true);

        @Test
        void engineMistakesAreIllegalStateOrArgument() {
            f.connection.receive(PeerMessage.BitfieldMessage.of(pieces(0), 10));
            f.connection.receive(PeerMessage.Unchoke.INSTANCE);
            assertThatThrownBy(() -> f.connection.request(1, 0, 16384)).hasMessage("the peer does not have piece 1");
            assertThatThrownBy(() -> f.connection.request(0, 0, 16385)).isInstanceOf(IllegalArgumentException.class);
            f.connection.request(0, 0, 16384);
            assertThatThrownBy(() -> f.connection.request(0, 0, 16384)).hasMessageStartingWith("already requested");
        }

        @Test
        void queueDepthBoundsRequests() {
            f.peerSeedsAndUnchokes();
            for (int i = 0; i < 16; i++) {
                f.connection.request(i / 2, (i % 2) * 16384, 16384);
            }
            assertThat(f.connection.requestSlots()).isZero();
            assertThatThrownBy(() -> f.connection.request(8, 0, 16384)).hasMessage("request queue full at depth 16");
        }

        @Test
        void peerReqqLowersTheDepth() {
            f.connection.receive(new ExtensionHandshake(Map.of("ut_pex", 1), OptionalInt.empty(), Optional.of("x"),
                    OptionalInt.of(5), OptionalLong.empty(), Optional.empty()).toMessage());
            assertThat(f.takeEvents()).containsExactly("extension handshake {ut_pex=1}");
            assertThat(f.connection.requestQueueDepth()).isEqualTo(5);
            assertThat(f.connection.peerExtensions().client()).hasValue("x");
        }

        @Test
        void cancelUnderFastWaitsForTheAnswer() {
            f.peerSeedsAndUnchokes();
            Request r = f.connection.request(0, 0, 16384);
            f.takeSent();
            assertThat(f.connection.cancel(r)).isTrue();
            assertThat(f.takeSent()).containsExactly(PeerMessage.Cancel.of(r));
            f.deliver(r); // allowed to complete
            assertThat(f.takeEvents()).containsExactly("block 0+0 (16384)");
            assertThat(f.connection.cancel(r)).isFalse();
        }
    }

    @Nested
    class AdaptiveDepth {
        final PeerConnectionFixture f = new PeerConnectionFixture(false, false);

        /** Keeps the queue full and answers one block every {@code gap}, {@code count} times. */
        void download(int count, Duration gap) {
            int next = 0;
            for (int i = 0; i < count; i++) {
                while (f.connection.requestSlots() > 0) {
                    f.connection.request(0, 0, 16384 - next++); // distinct blocks of piece 0, about 16 KiB each
                }
                f.clock.advance(gap);
                f.deliver(f.connection.outstandingRequests().get(0));
            }
        }

        AdaptiveDepth() {
            f.peerSeedsAndUnchokes();
        }

        @Test
        void startsAtTheInitialDepth() {
            assertThat(f.connection.requestQueueDepth()).isEqualTo(16);
            assertThat(f.connection.downloadRate()).isEqualTo(-1);
        }

        @Test
        void growsWithAFastPeerUpToTheBound() {
            download(1500, Duration.ofMillis(1)); // ~16 MB/s: 3 s of that is ~3000 blocks, above the bound
            assertThat(f.connection.downloadRate()).isGreaterThan(1e6);
            assertThat(f.connection.requestQueueDepth()).isEqualTo(500);
        }

        @Test
        void shrinksWithASlowPeerDownToTheBound() {
            download(10, Duration.ofSeconds(2)); // 8 KB/s: 1.5 blocks in 3 s
            assertThat(f.connection.requestQueueDepth()).isEqualTo(2);
        }

        @Test
        void followsTheMeasuredRate() {
            PeerConnectionFixture g = new PeerConnectionFixture(false, false);
            g.peerSeedsAndUnchokes();
            for (int i = 0; i < 21; i++) { // 16 KiB blocks, 20 per second: 327,680 B/s, 3 s = 60 blocks
                g.connection.request(0, 0, 16384); // one outstanding at a time
                g.clock.advance(Duration.ofMillis(50));
                g.deliver(g.connection.outstandingRequests().get(0));
            }
            assertThat(g.connection.requestQueueDepth()).isEqualTo(60);
        }
    }

    @Nested
    class Timing {
        final PeerConnectionFixture f = new PeerConnectionFixture(false, false);

        @Test
        void keepAliveAfterTwoMinutesWithoutSending() {
            f.clock.advance(Duration.ofSeconds(119));
            f.connection.receive(PeerMessage.KeepAlive.INSTANCE);
            f.connection.tick();
            assertThat(f.takeSent()).isEmpty();
            f.clock.advance(Duration.ofSeconds(1));
            f.connection.tick();
            assertThat(f.takeSent()).containsExactly(PeerMessage.KeepAlive.INSTANCE);
            f.connection.tick();
            assertThat(f.takeSent()).as("the keep-alive counts as sending").isEmpty();
        }

        @Test
        void dropAfterThreeMinutesSilent() {
            f.clock.advance(Duration.ofSeconds(179));
            f.connection.tick();
            f.clock.advance(Duration.ofSeconds(1));
            PeerWireException e = violation(f.connection::tick);
            assertThat(e.kind()).isEqualTo(PeerWireException.Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("no message for 180 s (limit 180 s)");
        }

        @Test
        void anyMessageResetsTheSilence() {
            f.clock.advance(Duration.ofSeconds(170));
            f.connection.receive(PeerMessage.KeepAlive.INSTANCE);
            f.clock.advance(Duration.ofSeconds(170));
            f.connection.tick();
        }
    }
}
