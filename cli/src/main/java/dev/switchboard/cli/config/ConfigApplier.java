package dev.switchboard.cli.config;

import dev.switchboard.cli.UsageException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Puts a config file's values into a serve command's options, as if they had been typed, with the
 * option's own converter: for every key of the service the file sets, unless that option was given
 * on the command line (flags override the file). A value the converter refuses, or that the
 * service's config builder refuses, is reported with the file, the line and the key.
 */
public final class ConfigApplier {
    private ConfigApplier() {
    }

    /**
     * @param service {@code reqrep}, {@code mqtt} or {@code tracker}
     * @param givenOnCommandLine whether an option (by its name, {@code --port}) was typed
     */
    public static void apply(ConfigFile file, String service, CommandSpec spec, Predicate<String> givenOnCommandLine) {
        for (ConfigFile.Value value : file.section(service)) {
            String option = ConfigKeys.optionOf(value.key());
            if (option == null || givenOnCommandLine.test(option)) {
                continue;
            }
            OptionSpec target = spec.findOption(option);
            if (target == null) {
                throw new IllegalStateException(value.key() + " names " + option + ", which '"
                        + spec.qualifiedName() + "' does not have");
            }
            target.setValue(convert(file, value, target));
        }
    }

    /**
     * A serve command's config: the file's values put into its options (unless given on the command
     * line), then built. With a file, what the builder refuses is reported as a usage error, with the
     * file's line when a file value is to blame; without one, the builder's exception is thrown as it is.
     *
     * @param file the config file, or null for flags only
     * @param fresh a new command of the same kind, for {@link #blame}
     * @param build builds the command's config from its options
     */
    public static <C, R> R configure(C command, CommandSpec spec, String service, ConfigFile file,
            Predicate<String> givenOnCommandLine, Supplier<C> fresh, java.util.function.Function<C, R> build) {
        if (file != null) {
            apply(file, service, spec, givenOnCommandLine);
        }
        try {
            return build.apply(command);
        } catch (IllegalArgumentException e) {
            if (file == null) {
                throw e; // flags only: as each command reported it before there was a file
            }
            throw blame(file, service, e, fresh, build::apply);
        }
    }

    /**
     * After the service's config builder refused what the file and the flags make together: finds the
     * file value that the builder refuses on its own (over the defaults) and names its line. Returns
     * the error to throw.
     *
     * @param fresh a new command of the service, its options at their defaults
     * @param build builds the command's config, throwing IllegalArgumentException when it refuses
     */
    public static <C> UsageException blame(ConfigFile file, String service, IllegalArgumentException refusal,
            Supplier<C> fresh, java.util.function.Consumer<C> build) {
        for (ConfigFile.Value value : file.section(service)) {
            if (ConfigKeys.optionOf(value.key()) == null) {
                continue;
            }
            C command = fresh.get();
            CommandLine cli = new CommandLine(command);
            cli.parseArgs();
            OptionSpec target = cli.getCommandSpec().findOption(ConfigKeys.optionOf(value.key()));
            target.setValue(convert(file, value, target));
            try {
                build.accept(command);
            } catch (IllegalArgumentException e) {
                return new UsageException(file.name() + ":" + value.line() + ": " + value.key() + ": "
                        + e.getMessage());
            }
        }
        return new UsageException(file.name() + ": " + refusal.getMessage());
    }

    private static Object convert(ConfigFile file, ConfigFile.Value value, OptionSpec option) {
        String text = value.text().trim();
        try {
            ITypeConverter<?>[] converters = option.converters();
            if (converters != null && converters.length > 0) {
                return converters[0].convert(text);
            }
            return convertBuiltIn(option.type(), text);
        } catch (Exception e) {
            String why = e instanceof CommandLine.TypeConversionException && e.getMessage() != null
                    ? e.getMessage() : "expected " + expected(option.type()) + ", got '" + text + "'";
            throw new UsageException(file.name() + ":" + value.line() + ": " + value.key() + ": " + why);
        }
    }

    private static Object convertBuiltIn(Class<?> type, String text) {
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(text);
        }
        if (type == long.class || type == Long.class) {
            return Long.parseLong(text);
        }
        if (type == boolean.class || type == Boolean.class) {
            return parseBoolean(text);
        }
        if (type == Path.class) {
            return Path.of(text);
        }
        if (type == String.class) {
            return text;
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException(text);
        }
        throw new IllegalStateException("no config conversion for " + type);
    }

    private static String expected(Class<?> type) {
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT);
        }
        return "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** Only {@code true} or {@code false} (YAML 1.1's yes, no, on, off are refused: too easy to misread). */
    static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
    }
}
