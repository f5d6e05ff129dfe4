package dev.switchboard.mqtt.topic;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of parsing a topic name or filter: either the {@link Valid} value or the {@link Invalid}
 * problem. Malformed input is a value, not an exception, so the broker decides what to do with it
 * (a reason code for one filter of a SUBSCRIBE, or closing the connection for a PUBLISH).
 *
 * @param <T> {@link TopicName} or {@link TopicFilter}
 */
public sealed interface TopicParseResult<T> {

    /** A valid parse. */
    record Valid<T>(T value) implements TopicParseResult<T> {
        /** Requires a value. */
        public Valid {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A refused input and the reason. */
    record Invalid<T>(TopicProblem problem, String input) implements TopicParseResult<T> {
        /** Requires both parts. */
        public Invalid {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(input, "input");
        }
    }

    /** Whether the input was valid. */
    default boolean isValid() {
        return this instanceof Valid;
    }

    /** The value, or an {@link InvalidTopicException} naming the problem. */
    default T orElseThrow() {
        if (this instanceof Valid<T> valid) {
            return valid.value();
        }
        Invalid<T> invalid = (Invalid<T>) this;
        throw new InvalidTopicException(invalid.problem(), invalid.input());
    }

    /** Maps the valid value, keeping a problem as it is. */
    default <U> TopicParseResult<U> map(Function<T, U> mapper) {
        if (this instanceof Valid<T> valid) {
            return new Valid<>(mapper.apply(valid.value()));
        }
        Invalid<T> invalid = (Invalid<T>) this;
        return new Invalid<>(invalid.problem(), invalid.input());
    }
}
