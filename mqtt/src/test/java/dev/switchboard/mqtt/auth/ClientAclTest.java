package dev.switchboard.mqtt.auth;

import static dev.switchboard.mqtt.auth.AclParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.mqtt.topic.TopicFilter;
import dev.switchboard.mqtt.topic.TopicName;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The matcher: deny precedence, substitution, subscribe coverage, $ topics. */
class ClientAclTest {
    private static boolean read(ClientAcl acl, String topic) {
        return acl.canRead(TopicName.of(topic));
    }

    private static boolean write(ClientAcl acl, String topic) {
        return acl.canWrite(TopicName.of(topic));
    }

    private static boolean subscribe(ClientAcl acl, String filter) {
        return acl.canSubscribe(TopicFilter.of(filter));
    }

    @Test
    void denyWinsWhereverItIsWritten() {
        Acl acl = parse("user u", "topic deny house/safe/#", "topic readwrite house/#", "pattern deny house/+/%u");
        ClientAcl u = acl.forClient("u", "c");
        assertThat(read(u, "house/kitchen")).isTrue();
        assertThat(read(u, "house/safe")).isFalse();
        assertThat(write(u, "house/safe/code")).isFalse();
        assertThat(read(u, "house/attic/u")).isFalse(); // the pattern's deny, below the section
        assertThat(read(u, "house/attic/v")).isTrue();
    }

    @Test
    void readAndWriteAreSeparate() {
        ClientAcl u = parse("user u", "topic read in/#", "topic write out/#").forClient("u", "c");
        assertThat(read(u, "in/a")).isTrue();
        assertThat(write(u, "in/a")).isFalse();
        assertThat(write(u, "out/a")).isTrue();
        assertThat(read(u, "out/a")).isFalse();
        assertThat(read(u, "elsewhere")).isFalse(); // nothing granted: denied
    }

    @Test
    void patternsSubstituteUserAndClientId() {
        Acl acl = parse("pattern readwrite users/%u/#", "pattern read clients/%c", "pattern read mixed/%u-%c/x");
        ClientAcl alice = acl.forClient("alice", "phone");
        assertThat(read(alice, "users/alice/inbox")).isTrue();
        assertThat(read(alice, "users/bob/inbox")).isFalse();
        assertThat(read(alice, "clients/phone")).isTrue();
        assertThat(read(alice, "clients/laptop")).isFalse();
        assertThat(read(alice, "mixed/alice-phone/x")).isTrue();
        ClientAcl anonymous = acl.forClient(null, "phone");
        assertThat(read(anonymous, "clients/phone")).isTrue();
        assertThat(read(anonymous, "users/null/inbox")).isFalse(); // a rule needing %u skips anonymous
        assertThat(read(anonymous, "users/%u/inbox")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"+", "#", "a/b", "x/+", "a#"})
    void aSubstitutedValueWithWildcardsOrSlashesGrantsNothing(String user) {
        Acl acl = parse("pattern readwrite users/%u/#", "pattern readwrite devices/%c");
        ClientAcl hostile = acl.forClient(user, user);
        assertThat(read(hostile, "users/victim/inbox")).isFalse();
        assertThat(read(hostile, "users/a/b/inbox")).isFalse();
        assertThat(write(hostile, "devices/victim")).isFalse();
        assertThat(subscribe(hostile, "users/#")).isFalse();
    }

    @Test
    void aSubstitutedValueThatCannotBeCheckedMakesADenyRuleDenyEverything() {
        Acl acl = parse("topic read #", "pattern deny private/%u/#", "user a/b", "topic read #");
        ClientAcl hostile = acl.forClient("a/b", "c");
        assertThat(read(hostile, "private/a/b/x")).isFalse();
        assertThat(read(hostile, "anything")).isFalse();
        assertThat(read(acl.forClient("ok", "c"), "anything")).isFalse(); // user 'ok' has no section
        assertThat(read(acl.forClient(null, "c"), "anything")).isTrue(); // %u rules skip anonymous
    }

    @Test
    void wildcardsInRulesDoNotReachDollarTopics() {
        ClientAcl u = parse("user u", "topic read #", "topic read +/x").forClient("u", "c");
        assertThat(read(u, "a/b")).isTrue();
        assertThat(read(u, "$SYS/broker/uptime")).isFalse();
        assertThat(read(u, "$x/x")).isFalse();
        assertThat(subscribe(u, "$SYS/#")).isFalse();
        ClientAcl sys = parse("user u", "topic read $SYS/#").forClient("u", "c");
        assertThat(read(sys, "$SYS/broker/uptime")).isTrue();
        assertThat(subscribe(sys, "$SYS/broker/+")).isTrue();
    }

    @ParameterizedTest(name = "rule {0}, subscription {1}: {2}")
    @CsvSource({
        "a/#, a/#, true",
        "a/#, a, true",
        "a/#, a/b/+, true",
        "a/+, a/b, true",
        "a/+, a/+, true",
        "a/+, a/#, false",
        "a/+, a, false",
        "a/b, a/+, false",
        "a/b, a/b, true",
        "#, #, true",
        "#, +/x/#, true",
        "+/x, +/+, false",
        "a/#, #, false",
        "a/+/c, a/+/c, true",
        "a/+/c, a/b/#, false",
    })
    void aSubscriptionNeedsARuleCoveringAllItsTopics(String rule, String subscription, boolean allowed) {
        ClientAcl u = parse("user u", "topic read " + rule).forClient("u", "c");
        assertThat(subscribe(u, subscription)).isEqualTo(allowed);
        assertThat(ClientAcl.covers(List.of(rule.split("/", -1)), List.of(subscription.split("/", -1))))
                .isEqualTo(allowed);
    }

    @Test
    void aSubscriptionIsRefusedWhenADenyRuleCoversIt() {
        ClientAcl u = parse("user u", "topic read #", "topic deny secret/#").forClient("u", "c");
        assertThat(subscribe(u, "secret/a")).isFalse();
        assertThat(subscribe(u, "secret/#")).isFalse();
        assertThat(subscribe(u, "#")).isTrue(); // allowed, but secret/... is filtered on delivery
        assertThat(read(u, "secret/a")).isFalse();
        assertThat(subscribe(u, "$share/g/secret/a")).isFalse(); // judged by its inner filter
        assertThat(subscribe(u, "$share/g/public/a")).isTrue();
    }

    @Test
    void writeOnlyRulesDoNotAllowSubscribing() {
        ClientAcl u = parse("user u", "topic write a/#").forClient("u", "c");
        assertThat(subscribe(u, "a/b")).isFalse();
    }

    @Test
    void withoutAnAclFileEverythingIsAllowed() {
        ClientAcl open = Acl.ALLOW_ALL.forClient(null, "c");
        assertThat(read(open, "$SYS/x")).isTrue();
        assertThat(write(open, "any/thing")).isTrue();
        assertThat(subscribe(open, "#")).isTrue();
    }

    @Test
    void substitutionPutsValuesInLiterally() {
        assertThat(ClientAcl.substitute("a/%u/%c/%x%", "bob", "c1")).isEqualTo("a/bob/c1/%x%");
        assertThat(ClientAcl.substitute("a/%u", "b+", "c")).isNull();
        assertThat(ClientAcl.substitute("a/%c", "u", "c/d")).isNull();
        assertThat(ClientAcl.substitute("a/%u", null, "c")).isNull();
        assertThat(ClientAcl.substitute("a/%%u", "x", "c")).isEqualTo("a/%x");
    }
}
