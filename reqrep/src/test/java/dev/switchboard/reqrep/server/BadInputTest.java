package dev.switchboard.reqrep.server;

import static dev.switchboard.reqrep.server.FramedServerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.reqrep.ErrorCode;
import dev.switchboard.reqrep.codec.Frame;
import dev.switchboard.testkit.RawClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Oversized or malformed frames: an error frame where the protocol allows, then that connection
 * closes; other clients on the same server see nothing.
 */
class BadInputTest {
    @RegisterExtension
    final ServerFixture servers = new ServerFixture();

    private void assertRefusedAndOthersUnaffected(ReqRepServer server, String badHex, ErrorCode expected,
            int expectedId) {
        try (RawClient bystander = FramedWire.open(server.localAddress());
                RawClient offender = FramedWire.open(server.localAddress())) {
            FramedWire.send(bystander, new Frame.Request(1, "echo", bytes("before")));
            assertThat(FramedWire.read(bystander)).isEqualTo(new Frame.Response(1, bytes("before")));

            offender.sendHex(badHex);
            Frame.Error error = (Frame.Error) FramedWire.read(offender);
            assertThat(error.code()).isEqualTo(expected.value());
            assertThat(error.id()).isEqualTo(expectedId);
            assertThat(error.message()).isNotBlank();
            assertThat(offender.isClosedByPeer()).as("offender disconnected").isTrue();

            FramedWire.send(bystander, new Frame.Request(2, "echo", bytes("after")));
            assertThat(FramedWire.read(bystander)).isEqualTo(new Frame.Response(2, bytes("after")));
        }
    }

    @Test
    void oversizedFrameIsRefusedFromItsLengthAlone() {
        ReqRepServer server = servers.start(b -> b.maxFrameLength(4096));
        // only the length field is sent: the server must not wait for 1 MiB it would not accept
        assertRefusedAndOthersUnaffected(server, "00100000", ErrorCode.FRAME_TOO_LARGE, 0);
    }

    @Test
    void frameShorterThanItsHeader() {
        assertRefusedAndOthersUnaffected(servers.start(), "00000003 010000", ErrorCode.PROTOCOL_ERROR, 0);
    }

    @Test
    void unknownFrameType() {
        assertRefusedAndOthersUnaffected(servers.start(), "00000006 7f 00 00000005", ErrorCode.PROTOCOL_ERROR, 5);
    }

    @Test
    void nonZeroFlags() {
        assertRefusedAndOthersUnaffected(servers.start(), "00000009 01 80 00000006 01 78 79",
                ErrorCode.PROTOCOL_ERROR, 6);
    }

    @Test
    void routeLengthRunsPastTheFrame() {
        assertRefusedAndOthersUnaffected(servers.start(), "00000008 01 00 00000007 09 61",
                ErrorCode.PROTOCOL_ERROR, 7);
    }

    @Test
    void routeNameIsNotUtf8() {
        assertRefusedAndOthersUnaffected(servers.start(), "00000009 01 00 00000008 02 c328",
                ErrorCode.PROTOCOL_ERROR, 8);
    }

    @Test
    void requestIdZero() {
        assertRefusedAndOthersUnaffected(servers.start(), "0000000b 01 00 00000000 04 6563686f",
                ErrorCode.PROTOCOL_ERROR, 0);
    }

    @Test
    void duplicateIdWhileInFlight() {
        ReqRepServer server = servers.start(b -> b.routes(Routes.builder()
                .route("never", r -> new java.util.concurrent.CompletableFuture<>()).build()));
        // request 9 to "never" stays in flight; the second request 9 is a protocol error
        String never = "0000000c 01 00 00000009 05 6e65766572";
        assertRefusedAndOthersUnaffected(server, never + never, ErrorCode.PROTOCOL_ERROR, 9);
    }

    @Test
    void aClientMayNotSendResponses() {
        assertRefusedAndOthersUnaffected(servers.start(), "00000008 02 00 00000003 6869",
                ErrorCode.PROTOCOL_ERROR, 3);
    }

    @Test
    void garbageAfterAValidFrameStillGetsTheFirstAnswer() {
        ReqRepServer server = servers.start();
        try (RawClient client = FramedWire.open(server.localAddress())) {
            client.sendHex("0000000b 01 00 00000001 04 6563686f" // echo, empty body
                    + "00000006 ee 00 00000002");                 // unknown type
            assertThat(FramedWire.read(client)).isEqualTo(new Frame.Response(1, new byte[0]));
            Frame.Error error = (Frame.Error) FramedWire.read(client);
            assertThat(error.code()).isEqualTo(ErrorCode.PROTOCOL_ERROR.value());
            assertThat(client.isClosedByPeer()).isTrue();
        }
    }
}
