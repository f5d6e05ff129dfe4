package dev.switchboard.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Byte sizes as people write them: {@code 512}, {@code 64KiB}, {@code 16MiB}, {@code 1GiB}
 * (KB, MB, GB and k, m, g are read as the same powers of 1024). Fits an int.
 */
public final class ByteSizeConverter implements ITypeConverter<Integer> {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

    @Override
    public Integer convert(String value) {
        return parse(value);
    }

    public static int parse(String value) {
        Matcher m = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size (examples: 1024, 64KiB, 16MiB)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        long multiplier = switch (unit.charAt(0)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        long bytes = amount * multiplier;
        if (amount > Integer.MAX_VALUE || bytes > Integer.MAX_VALUE) {
            throw new TypeConversionException("'" + value + "' is too large: at most 2GiB - 1 byte");
        }
        return (int) bytes;
    }
}
