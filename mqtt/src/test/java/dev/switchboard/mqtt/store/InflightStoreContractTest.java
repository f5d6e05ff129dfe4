package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.mqtt.packet.Publish;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link InflightStore} contract, for the heap and the file implementation alike. */
class InflightStoreContractTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void outgoingInTheOrderPutEvenAcrossPacketIdWrap(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            InflightStore inflight = stores.inflight();
            Publish a = Messages.plain("a", "1", 1);
            Publish b = Messages.full("b", "2");
            inflight.putOutgoing("c", 65_535, a);
            inflight.putOutgoing("c", 1, b);
            inflight.putOutgoing("other", 7, a);
            assertThat(inflight.outgoing("c")).containsExactly(new InflightMessage(65_535, a, false),
                    new InflightMessage(1, b, false));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void releaseThenComplete(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            InflightStore inflight = stores.inflight();
            Publish m = Messages.plain("t", "x", 2);
            inflight.putOutgoing("c", 5, m);
            inflight.putOutgoing("c", 6, m);
            assertThat(inflight.markReleased("c", 5)).isTrue();
            assertThat(inflight.markReleased("c", 9)).isFalse();
            assertThat(inflight.outgoing("c")).containsExactly(new InflightMessage(5, m, true),
                    new InflightMessage(6, m, false));
            assertThat(inflight.removeOutgoing("c", 5)).isTrue();
            assertThat(inflight.removeOutgoing("c", 5)).isFalse();
            assertThat(inflight.outgoing("c")).extracting(InflightMessage::packetId).containsExactly(6);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void awaitingReleaseIds(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            InflightStore inflight = stores.inflight();
            assertThat(inflight.addAwaitingRelease("c", 10)).isTrue();
            assertThat(inflight.addAwaitingRelease("c", 10)).isFalse();
            assertThat(inflight.addAwaitingRelease("c", 65_535)).isTrue();
            assertThat(inflight.addAwaitingRelease("cd", 11)).isTrue();
            assertThat(inflight.awaitingRelease("c")).containsExactlyInAnyOrder(10, 65_535);
            assertThat(inflight.removeAwaitingRelease("c", 10)).isTrue();
            assertThat(inflight.removeAwaitingRelease("c", 10)).isFalse();
            assertThat(inflight.awaitingRelease("c")).containsExactly(65_535);
            assertThatThrownBy(() -> inflight.addAwaitingRelease("c", 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> inflight.addAwaitingRelease("c", 65_536))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void dropAllForgetsOneClient(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            InflightStore inflight = stores.inflight();
            inflight.putOutgoing("c", 1, Messages.plain("t", "x", 1));
            inflight.addAwaitingRelease("c", 2);
            inflight.putOutgoing("c2", 1, Messages.plain("t", "x", 1));
            inflight.addAwaitingRelease("c2", 2);
            inflight.dropAll("c");
            assertThat(inflight.outgoing("c")).isEmpty();
            assertThat(inflight.awaitingRelease("c")).isEmpty();
            assertThat(inflight.outgoing("c2")).hasSize(1);
            assertThat(inflight.awaitingRelease("c2")).containsExactly(2);
        }
    }
}
