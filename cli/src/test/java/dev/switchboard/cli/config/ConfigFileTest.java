package dev.switchboard.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.cli.UsageException;
import dev.switchboard.cli.mqtt.MqttServeCommand;
import dev.switchboard.cli.reqrep.ReqRepServeCommand;
import dev.switchboard.cli.tracker.TrackerServeCommand;
import dev.switchboard.mqtt.broker.BrokerConfig;
import dev.switchboard.mqtt.store.Durability;
import dev.switchboard.mqtt.store.StoreConfig;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The config file: valid values, every kind of error with its exact line, flags over the file, the example. */
class ConfigFileTest {
    private static ConfigFile parse(String yaml) {
        return ConfigFile.parse("switchboard.yaml", new StringReader(yaml));
    }

    /** The mqtt config a file gives under these flags. */
    private static BrokerConfig mqtt(String yaml, String... flags) {
        MqttServeCommand command = new MqttServeCommand();
        CommandLine cli = new CommandLine(command);
        CommandLine.ParseResult given = cli.parseArgs(flags);
        return command.configWith(parse(yaml), given::hasMatchedOption);
    }

    private static String error(Runnable action) {
        try {
            action.run();
        } catch (UsageException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }

    @Test
    void aValidFileSetsEveryKindOfValue() {
        BrokerConfig config = mqtt("""
                mqtt:
                  port: 1999
                  connect-timeout: 2s
                  limits:
                    max-connections: 7
                    max-packet-size: 64KiB
                    max-topic-levels: 9
                    max-publish-bytes-rate: 1MiB
                  websocket:
                    port: 9001
                  auth:
                    allow-anonymous: false
                  tls:
                    require-client-cert:
                """);
        assertThat(config.port()).isEqualTo(1999);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxConnections()).isEqualTo(7);
        assertThat(config.maxPacketSize()).isEqualTo(65536);
        assertThat(config.limits().maxTopicLevels()).isEqualTo(9);
        assertThat(config.limits().maxPublishBytesRate()).isEqualTo(1 << 20);
        assertThat(config.listeners().webSocketPort()).isEqualTo(9001);
        assertThat(config.auth().allowAnonymous()).isFalse();
        assertThat(config.bindHost()).isEqualTo("127.0.0.1"); // not in the file: the default
    }

    @Test
    void flagsGivenOnTheCommandLineOverrideTheFile() {
        String yaml = "mqtt:\n  port: 1999\n  limits:\n    max-connections: 7\n";
        BrokerConfig config = mqtt(yaml, "--max-connections", "5");
        assertThat(config.maxConnections()).isEqualTo(5);
        assertThat(config.port()).isEqualTo(1999);
        // a flag given at its default value still wins
        assertThat(mqtt(yaml, "--port", "1883").port()).isEqualTo(1883);
    }

    @Test
    void anUnknownKeyIsNamedWithItsLineAndTheNearestKnownOne() {
        String yaml = "mqtt:\n  port: 1883\n  limits:\n    max-conections: 5\n";
        assertThat(error(() -> parse(yaml))).isEqualTo(
                "switchboard.yaml:4: unknown key 'mqtt.limits.max-conections' (did you mean 'max-connections'?)");
        assertThat(error(() -> parse("mqtt:\n  limits:\n    frobnicate: 1\n")))
                .startsWith("switchboard.yaml:3: unknown key 'mqtt.limits.frobnicate' (keys here: max-connections,");
        assertThat(error(() -> parse("# top\nmqt:\n  port: 1\n")))
                .isEqualTo("switchboard.yaml:2: unknown key 'mqt' (did you mean 'mqtt'?)");
    }

    @Test
    void aBadValueNamesTheFileLineKeyAndWhatWasExpected() {
        assertThat(error(() -> mqtt("mqtt:\n  limits:\n    max-connections: lots\n")))
                .isEqualTo("switchboard.yaml:3: mqtt.limits.max-connections: expected a whole number, got 'lots'");
        assertThat(error(() -> mqtt("mqtt:\n\n  limits:\n    max-packet-size: 12 parsecs\n")))
                .isEqualTo("switchboard.yaml:4: mqtt.limits.max-packet-size: '12 parsecs' is not a size"
                        + " (examples: 1024, 64KiB, 16MiB)");
        assertThat(error(() -> mqtt("mqtt:\n  sys-interval: soon\n")))
                .startsWith("switchboard.yaml:2: mqtt.sys-interval: 'soon' is not a duration");
        assertThat(error(() -> mqtt("mqtt:\n  auth:\n    allow-anonymous: yes\n")))
                .isEqualTo("switchboard.yaml:3: mqtt.auth.allow-anonymous: expected true or false, got 'yes'");
        assertThat(error(() -> mqtt("mqtt:\n  store:\n    fsync: sometimes\n")))
                .isEqualTo("switchboard.yaml:3: mqtt.store.fsync: --fsync must be always, periodic or never, got 'sometimes'");
    }

    @Test
    void aValueTheBuilderRefusesIsBlamedOnItsLine() {
        assertThat(error(() -> mqtt("mqtt:\n  port: 1884\n  limits:\n    max-topic-levels: 0\n")))
                .isEqualTo("switchboard.yaml:4: mqtt.limits.max-topic-levels: max topic levels must be 1-65535, got 0");
        assertThat(error(() -> mqtt("mqtt:\n  port: 70000\n")))
                .isEqualTo("switchboard.yaml:2: mqtt.port: port must be 0-65535, got 70000");
        assertThat(error(() -> mqtt("mqtt:\n  store:\n    commit-interval: 1ms\n")))
                .startsWith("switchboard.yaml:3: mqtt.store.commit-interval: --commit-interval must be 10ms..1h");
    }

    @Test
    void theShapeOfTheFileIsChecked() {
        assertThat(error(() -> parse("mqtt:\n  limits: 5\n")))
                .startsWith("switchboard.yaml:2: 'mqtt.limits' is a group: expected keys under it (max-connections,");
        assertThat(error(() -> parse("mqtt:\n  port:\n    - 1\n    - 2\n")))
                .isEqualTo("switchboard.yaml:3: 'mqtt.port' expects a single value, not a list");
        assertThat(error(() -> parse("mqtt:\n  port: {a: 1}\n")))
                .isEqualTo("switchboard.yaml:2: 'mqtt.port' expects a single value, not a map");
        assertThat(error(() -> parse("- mqtt\n"))).startsWith("switchboard.yaml:1: expected a map of services");
        assertThat(error(() -> parse("mqtt:\n  port: 1\n  port: 2\n")))
                .isEqualTo("switchboard.yaml:3: 'mqtt.port' given twice (first on line 2)");
        assertThat(error(() -> parse("mqtt:\n  port: [1\n"))).startsWith("switchboard.yaml:3: not valid YAML");
        assertThat(error(() -> parse("mqtt: &a\n  port: 1\ntracker: *a\n")))
                .startsWith("switchboard.yaml: not valid YAML: Number of aliases"); // a billion laughs stops here
        assertThat(error(() -> parse("mqtt:\n  port: &p 1\ntracker:\n  port: *p\n")))
                .isEqualTo("switchboard.yaml:2: 'mqtt.port': anchors and aliases (&, *) are not supported;"
                        + " write the values out");
        assertThat(error(() -> parse("mqtt:\n  ? [a, b]\n  : 1\n"))).isEqualTo("switchboard.yaml:2: a key must be a plain name");
        assertThat(parse("").values()).isEmpty();
        assertThat(parse("# nothing but a comment\n").values()).isEmpty();
    }

    @Test
    void aMissingFileIsOneLine() {
        assertThat(error(() -> ConfigFile.load(Path.of("/nonexistent/switchboard.yaml"))))
                .isEqualTo("/nonexistent/switchboard.yaml: no such file (--config)");
    }

    @Test
    void theExampleFileNamesEveryKeyAtItsDefault() {
        ConfigFile example = ConfigFile.load(Path.of("..", "switchboard.example.yaml"));
        assertThat(example.keys()).containsExactlyInAnyOrderElementsOf(ConfigKeys.all());
        assertAtDefaults(example, MqttServeCommand.SECTION, MqttServeCommand::new);
        assertAtDefaults(example, ReqRepServeCommand.SECTION, ReqRepServeCommand::new);
        assertAtDefaults(example, TrackerServeCommand.SECTION, TrackerServeCommand::new);
    }

    @Test
    void theStoreKeysSetTheBrokersStore() {
        ConfigFile file = parse("""
                mqtt:
                  store:
                    data-dir: /var/lib/switchboard
                    fsync: periodic
                    commit-interval: 250ms
                    recover: true
                """);
        CommandLine cli = new CommandLine(new MqttServeCommand());
        cli.parseArgs();
        ConfigApplier.apply(file, MqttServeCommand.SECTION, cli.getCommandSpec(), name -> false);
        StoreConfig store = ((MqttServeCommand) cli.getCommand()).config().store();
        assertThat(store.persistence()).isEqualTo(StoreConfig.Persistence.FILE);
        assertThat(store.dataDir()).isEqualTo(Path.of("/var/lib/switchboard"));
        assertThat(store.durability()).isEqualTo(Durability.PERIODIC);
        assertThat(store.commitInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(store.recover()).isTrue();
    }

    /** Every option a key of {@code section} sets holds, after the example is applied, its default. */
    private static void assertAtDefaults(ConfigFile example, String section, Supplier<Object> fresh) {
        CommandLine defaults = new CommandLine(fresh.get());
        defaults.parseArgs();
        CommandLine fromFile = new CommandLine(fresh.get());
        fromFile.parseArgs();
        ConfigApplier.apply(example, section, fromFile.getCommandSpec(), name -> false);
        Function<CommandLine, Function<String, Object>> value = cli -> option -> {
            OptionSpec spec = cli.getCommandSpec().findOption(option);
            assertThat(spec).as(option).isNotNull();
            return spec.getValue();
        };
        for (String key : ConfigKeys.all()) {
            String option = ConfigKeys.optionOf(key);
            if (key.startsWith(section + ".") && option != null) {
                assertThat(value.apply(fromFile).apply(option)).as(key)
                        .isEqualTo(value.apply(defaults).apply(option));
            }
        }
    }
}
