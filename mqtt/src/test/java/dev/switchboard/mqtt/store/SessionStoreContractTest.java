package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.topic.RetainHandling;
import dev.switchboard.mqtt.topic.SubscriptionOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@link SessionStore} contract, for the heap and the file implementation alike. */
class SessionStoreContractTest {
    @TempDir
    Path dir;

    private static final SubscriptionOptions ALL_OPTIONS = SubscriptionOptions.atQos(2).withNoLocal(true)
            .withRetainAsPublished(true).withRetainHandling(RetainHandling.DO_NOT_SEND).withSubscriptionIdentifier(42);

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void putGetReplaceRemove(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            SessionStore sessions = stores.sessions();
            StoredSession online = new StoredSession("c1", 60, OptionalLong.empty(), Optional.empty());
            StoredSession offline = new StoredSession("c1", 0xFFFF_FFFFL, OptionalLong.of(1_700_000_000_000L),
                    Optional.of(Messages.will()));
            assertThat(sessions.get("c1")).isEmpty();
            sessions.put(online);
            assertThat(sessions.get("c1")).contains(online);
            sessions.put(offline);
            assertThat(sessions.get("c1")).contains(offline);
            assertThat(sessions.count()).isEqualTo(1);
            assertThat(sessions.remove("c1")).isTrue();
            assertThat(sessions.remove("c1")).isFalse();
            assertThat(sessions.get("c1")).isEmpty();
            assertThat(sessions.count()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void forEachVisitsEverySession(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            for (int i = 0; i < 50; i++) {
                stores.sessions().put(new StoredSession("client-" + i, i, OptionalLong.empty(), Optional.empty()));
            }
            List<String> seen = new ArrayList<>();
            stores.sessions().forEach(s -> seen.add(s.clientId()));
            assertThat(seen).hasSize(50).doesNotHaveDuplicates().contains("client-0", "client-49");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void subscriptionsPerClientOrderedByFilter(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            SessionStore sessions = stores.sessions();
            sessions.putSubscription("a", new StoredSubscription("z/#", SubscriptionOptions.atQos(0)));
            sessions.putSubscription("a", new StoredSubscription("$share/g/x/+", ALL_OPTIONS));
            sessions.putSubscription("a", new StoredSubscription("z/#", SubscriptionOptions.atQos(1)));
            // a client whose id extends "a" must not leak into a's subscriptions
            sessions.putSubscription("ab", new StoredSubscription("other", SubscriptionOptions.atQos(1)));
            sessions.putSubscription("", new StoredSubscription("empty/id", SubscriptionOptions.atQos(1)));

            assertThat(sessions.subscriptions("a")).containsExactly(
                    new StoredSubscription("$share/g/x/+", ALL_OPTIONS),
                    new StoredSubscription("z/#", SubscriptionOptions.atQos(1)));
            assertThat(sessions.subscriptions("ab")).extracting(StoredSubscription::filter).containsExactly("other");
            assertThat(sessions.subscriptions("")).extracting(StoredSubscription::filter).containsExactly("empty/id");
            assertThat(sessions.removeSubscription("a", "z/#")).isTrue();
            assertThat(sessions.removeSubscription("a", "z/#")).isFalse();
            assertThat(sessions.subscriptions("a")).extracting(StoredSubscription::filter)
                    .containsExactly("$share/g/x/+");
            assertThat(sessions.subscriptions("nobody")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void removingASessionRemovesItsSubscriptionsOnly(StoreKind kind) {
        try (BrokerStores stores = kind.open(dir)) {
            SessionStore sessions = stores.sessions();
            sessions.put(new StoredSession("a", 10, OptionalLong.empty(), Optional.empty()));
            sessions.putSubscription("a", new StoredSubscription("t/1", SubscriptionOptions.atQos(1)));
            sessions.putSubscription("a", new StoredSubscription("t/2", SubscriptionOptions.atQos(1)));
            sessions.putSubscription("ab", new StoredSubscription("t/3", SubscriptionOptions.atQos(1)));
            assertThat(sessions.remove("a")).isTrue();
            assertThat(sessions.subscriptions("a")).isEmpty();
            assertThat(sessions.subscriptions("ab")).hasSize(1);
        }
    }
}
