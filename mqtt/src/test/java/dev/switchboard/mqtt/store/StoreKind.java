package dev.switchboard.mqtt.store;

import java.nio.file.Path;
import java.time.Clock;

/** The two implementations every store contract test runs against. */
enum StoreKind {
    MEMORY, FILE;

    BrokerStores open(Path dir) {
        StoreConfig config = StoreConfig.builder()
                .persistence(this == MEMORY ? StoreConfig.Persistence.MEMORY : StoreConfig.Persistence.FILE)
                .dataDir(dir).durability(Durability.NEVER).build();
        return BrokerStores.open(config, Clock.systemUTC());
    }
}
