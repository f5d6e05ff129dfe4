package dev.switchboard.cli.config;

import dev.switchboard.cli.UsageException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * {@code switchboard.yaml}, read as YAML nodes (never into objects), so every key and value keeps its
 * line: one map per service ({@code reqrep}, {@code mqtt}, {@code tracker}), nested maps for groups
 * ({@code mqtt.limits}, {@code mqtt.tls}, ...), scalar values written as on the command line
 * ({@code 16MiB}, {@code 30s}). Every key is checked against {@link ConfigKeys}: an unknown key, a
 * list, a map where a value belongs or a value where a map belongs stops the start with the file,
 * the line and the key. An empty value ({@code key:} or {@code ~}) means "the default". Values are
 * converted later, by the options they set ({@link ConfigApplier}).
 */
public final class ConfigFile {
    /** Bounds for a hostile file: YAML aliases are refused, and the file is small. */
    static final int MAX_BYTES = 1024 * 1024;

    private final String name;
    private final Map<String, Value> values;
    private final java.util.Set<String> keys;

    /** One value of the file: its dotted key ({@code mqtt.limits.max-topic-levels}), text and line. */
    public record Value(String key, String text, int line) {
    }

    private ConfigFile(String name, Map<String, Value> values, java.util.Set<String> keys) {
        this.name = name;
        this.values = values;
        this.keys = keys;
    }

    /** Reads and checks {@code file}. */
    public static ConfigFile load(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new UsageException(file + ": larger than " + MAX_BYTES + " bytes; not a config file");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageException(file + ": no such file (--config)");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), new StringReader(text));
    }

    /** Parses YAML text; {@code name} is what errors call the file. */
    public static ConfigFile parse(String name, Reader yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(0);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_BYTES);
        Node root;
        try {
            root = new Yaml(options).compose(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new UsageException(name + ":" + (mark == null ? "?" : mark.getLine() + 1) + ": not valid YAML: "
                    + (e.getProblem() != null ? e.getProblem() : e.getMessage()));
        } catch (YAMLException e) {
            throw new UsageException(name + ": not valid YAML: " + e.getMessage());
        }
        ConfigFile file = new ConfigFile(name, new LinkedHashMap<>(), new java.util.LinkedHashSet<>());
        if (root != null && !isNull(root)) {
            if (!(root instanceof MappingNode map)) {
                throw new UsageException(name + ":" + line(root) + ": expected a map of services (reqrep, mqtt, tracker)");
            }
            file.walk(map, "");
        }
        return file;
    }

    private void walk(MappingNode map, String prefix) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey)) {
                throw error(keyNode, "a key must be a plain name");
            }
            String key = prefix + scalarKey.getValue();
            Integer before = seen.putIfAbsent(key, line(keyNode));
            if (before != null) {
                throw error(keyNode, "'" + key + "' given twice (first on line " + before + ")");
            }
            Node value = tuple.getValueNode();
            if (value.getAnchor() != null) {
                throw error(value, "'" + key + "': anchors and aliases (&, *) are not supported; write the values out");
            }
            if (ConfigKeys.isGroup(key)) {
                if (value instanceof MappingNode inner) {
                    walk(inner, key + ".");
                } else if (!isNull(value)) {
                    throw error(value, "'" + key + "' is a group: expected keys under it ("
                            + String.join(", ", ConfigKeys.childrenOf(key)) + ")");
                }
            } else if (ConfigKeys.isKey(key)) {
                if (!(value instanceof ScalarNode scalar)) {
                    throw error(value, "'" + key + "' expects a single value, not a "
                            + (value instanceof MappingNode ? "map" : "list"));
                }
                keys.add(key);
                if (!isNull(scalar)) {
                    values.put(key, new Value(key, scalar.getValue(), line(keyNode)));
                }
            } else {
                throw error(keyNode, "unknown key '" + key + "'" + suggestion(prefix, scalarKey.getValue()));
            }
        }
    }

    private static String suggestion(String prefix, String key) {
        String parent = prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1);
        Optional<String> near = Spelling.nearest(key, ConfigKeys.childrenOf(parent));
        return near.map(n -> " (did you mean '" + n + "'?)")
                .orElse(" (keys here: " + String.join(", ", ConfigKeys.childrenOf(parent)) + ")");
    }

    private UsageException error(Node node, String message) {
        return new UsageException(name + ":" + line(node) + ": " + message);
    }

    private static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    /** The file's name as errors show it. */
    public String name() {
        return name;
    }

    /** The values under {@code service} (e.g. {@code mqtt}), in file order. */
    public List<Value> section(String service) {
        return values.values().stream().filter(v -> v.key().startsWith(service + ".")).toList();
    }

    public Optional<Value> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every key the file names, with a value or empty. */
    public java.util.Set<String> keys() {
        return java.util.Collections.unmodifiableSet(keys);
    }

    /** Every value set in the file. */
    public Map<String, Value> values() {
        return Map.copyOf(values);
    }
}
