package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
    @ParameterizedTest
    @CsvSource({"250ms,250", "30s,30000", "30,30000", "1.5s,1500", "5m,300000", "1h,3600000", "2 s,2000", "10S,10000"})
    void durations(String text, long millis) {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-1s", "10x", "ten seconds", "1e3s"})
    void badDurations(String text) {
        assertThatThrownBy(() -> DurationConverter.parse(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a duration");
    }

    @ParameterizedTest
    @CsvSource({"64,64", "1KiB,1024", "64kb,65536", "16MiB,16777216", "1GiB,1073741824", "2m,2097152", "0,0"})
    void sizes(String text, int bytes) {
        assertThat(ByteSizeConverter.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-1", "1.5MiB", "12TB"})
    void badSizes(String text) {
        assertThatThrownBy(() -> ByteSizeConverter.parse(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("is not a size");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2GiB", "3000MiB", "99999999999"})
    void sizesBeyondAnInt(String text) {
        assertThatThrownBy(() -> ByteSizeConverter.parse(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("too large");
    }
}
