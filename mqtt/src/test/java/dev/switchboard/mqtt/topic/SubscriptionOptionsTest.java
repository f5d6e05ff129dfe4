package dev.switchboard.mqtt.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SubscriptionOptionsTest {

    @Test
    void atQosHasThe311Defaults() {
        SubscriptionOptions options = SubscriptionOptions.atQos(1);

        assertThat(options).isEqualTo(new SubscriptionOptions(
                1, false, false, RetainHandling.SEND_ON_SUBSCRIBE, OptionalInt.empty()));
    }

    @Test
    void qosIsZeroToTwo() {
        assertThat(SubscriptionOptions.atQos(0).qos()).isZero();
        assertThat(SubscriptionOptions.atQos(2).qos()).isEqualTo(2);
        assertThatThrownBy(() -> SubscriptionOptions.atQos(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubscriptionOptions.atQos(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subscriptionIdentifierIsAPositiveVariableByteInteger() {
        assertThat(SubscriptionOptions.atQos(0).withSubscriptionIdentifier(1).subscriptionIdentifier()).hasValue(1);
        assertThat(SubscriptionOptions.atQos(0).withSubscriptionIdentifier(268_435_455).subscriptionIdentifier())
                .hasValue(268_435_455);
        assertThatThrownBy(() -> SubscriptionOptions.atQos(0).withSubscriptionIdentifier(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubscriptionOptions.atQos(0).withSubscriptionIdentifier(268_435_456))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withersReplaceOneOption() {
        SubscriptionOptions options = SubscriptionOptions.atQos(2)
                .withNoLocal(true)
                .withRetainAsPublished(true)
                .withRetainHandling(RetainHandling.DO_NOT_SEND)
                .withSubscriptionIdentifier(7);

        assertThat(options).isEqualTo(new SubscriptionOptions(2, true, true, RetainHandling.DO_NOT_SEND, OptionalInt.of(7)));
    }

    @Test
    void retainHandlingHasTheWireCodes() {
        assertThat(RetainHandling.ofCode(0)).isEqualTo(RetainHandling.SEND_ON_SUBSCRIBE);
        assertThat(RetainHandling.ofCode(1)).isEqualTo(RetainHandling.SEND_ON_NEW_SUBSCRIPTION);
        assertThat(RetainHandling.ofCode(2)).isEqualTo(RetainHandling.DO_NOT_SEND);
        assertThat(RetainHandling.DO_NOT_SEND.code()).isEqualTo(2);
        assertThatThrownBy(() -> RetainHandling.ofCode(3)).isInstanceOf(IllegalArgumentException.class);
    }
}
