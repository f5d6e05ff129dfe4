package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link RetainedStore} contract, for the heap and the file implementation alike. */
class RetainedStoreContractTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void onePerTopicWithArrivalTime(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            RetainedStore retained = stores.retained();
            RetainedMessage first = new RetainedMessage(Messages.plain("a/b", "1", 1), 1000L);
            RetainedMessage second = new RetainedMessage(Messages.full("a/b", "2"), 2000L);
            retained.put(first);
            assertThat(retained.get("a/b")).contains(first);
            retained.put(second);
            assertThat(retained.get("a/b")).contains(second);
            assertThat(retained.count()).isEqualTo(1);
            assertThat(retained.remove("a/b")).isTrue();
            assertThat(retained.remove("a/b")).isFalse();
            assertThat(retained.get("a/b")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void forEachLoadsAll(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            for (int i = 0; i < 30; i++) {
                stores.retained().put(new RetainedMessage(Messages.plain("t/" + i, "p", 0), i));
            }
            List<String> topics = new ArrayList<>();
            stores.retained().forEach(r -> topics.add(r.topic()));
            assertThat(topics).hasSize(30).doesNotHaveDuplicates();
            assertThat(stores.retained().count()).isEqualTo(30);
        }
    }
}
