package dev.switchboard.mqtt.broker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.StoreConfig;
import dev.switchboard.testkit.RawClient;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A persistent session read back from the store after a restart is its user's, not anonymous:
 * while its client is still away, the messages queued for it are filtered by that user's ACL
 * rules, so a restart neither loses what the user may read nor lets through what it may not.
 */
class AclRestartTest {
    private static final String[] RULES = {
        "user alice",
        "topic read secure/#",
        "topic deny secure/hidden",
        "user bob",
        "topic write secure/#",
    };

    /** MQTT 3.1.1 CONNECT "ali", clean session 0, user "alice", password "wonderland". */
    private static final String ALICE = "10 22 0004 4d515454 04 c0 003c 0003 616c69"
            + " 0005 616c696365 000a 776f6e6465726c616e64";
    /** MQTT 3.1.1 CONNECT "bob", clean session 1, user "bob", password "builder". */
    private static final String BOB = "10 1d 0004 4d515454 04 c2 003c 0003 626f62 0003 626f62 0007 6275696c646572";

    @RegisterExtension
    final BrokerFixture brokers = new BrokerFixture();

    @TempDir
    Path dir;

    private MqttBroker start() throws IOException {
        Path passwords = AuthFiles.passwords(dir, "alice", "wonderland", "bob", "builder");
        Path acl = AuthFiles.acl(dir, RULES);
        return brokers.start(b -> b.passwordFile(passwords).aclFile(acl).allowAnonymous(false)
                .store(StoreConfig.builder().dataDir(dir.resolve("data")).durability(Durability.ALWAYS).build()));
    }

    @Test
    void anOfflineSessionRestoredFromTheStoreKeepsItsUsersReadRights() throws IOException {
        MqttBroker first = start();
        try (RawClient alice = RawClient.connect(first.localAddress())) {
            alice.sendHex(ALICE).expectHex("20 02 00 00");
            alice.sendHex("82 0d 0001 0008 7365637572652f23 01").expectHex("90 03 0001 01"); // secure/# QoS 1
            alice.sendHex("e0 00");
            assertThat(alice.isClosedByPeer()).isTrue();
        }
        first.close();

        MqttBroker second = start(); // alice is offline: her session comes from the file
        try (RawClient bob = RawClient.connect(second.localAddress())) {
            bob.sendHex(BOB).expectHex("20 02 00 00");
            bob.sendHex("32 0e 0008 7365637572652f61 0001 6d31").expectHex("40 02 0001"); // secure/a "m1"
            bob.sendHex("32 13 000d 7365637572652f68696464656e 0002 6d32")
                    .expectHex("40 02 0002");                                          // secure/hidden "m2": denied to alice
            bob.sendHex("32 0e 0008 7365637572652f62 0003 6d33").expectHex("40 02 0003"); // secure/b "m3"
        }
        try (RawClient alice = RawClient.connect(second.localAddress())) {
            alice.sendHex(ALICE).expectHex("20 02 01 00");
            alice.expectHex("32 0e 0008 7365637572652f61 0001 6d31"); // queued under alice's rules
            alice.expectHex("32 0e 0008 7365637572652f62 0002 6d33"); // m2 never queued: alice may not read it
        }
    }
}
