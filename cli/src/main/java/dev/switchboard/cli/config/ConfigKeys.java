package dev.switchboard.cli.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every key {@code switchboard.yaml} may hold, and the command-line option each one sets: the
 * option's own name wherever the key can be named like the flag, so a key and its flag are read by
 * the same converter.
 */
public final class ConfigKeys {
    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        service("reqrep", "bind", "port", "max-connections", "idle-timeout", "max-frame", "raw-route", "workers",
                "drain-timeout", "io-threads");
        service("mqtt", "bind", "port", "connect-timeout", "sys-interval");
        service("mqtt.limits", "max-connections", "max-connections-per-address", "max-connect-rate-per-address",
                "max-packet-size", "max-keepalive", "max-inflight", "max-queued-messages", "max-queued-bytes",
                "max-topic-levels", "max-topic-length", "max-subscriptions-per-client", "max-publish-rate",
                "max-publish-bytes-rate");
        OPTIONS.put("mqtt.tls.port", "--tls-port");
        service("mqtt.tls", "cert", "key", "ca", "require-client-cert", "use-cn-as-username");
        OPTIONS.put("mqtt.tls.check-interval", "--tls-check-interval");
        OPTIONS.put("mqtt.websocket.port", "--ws-port");
        OPTIONS.put("mqtt.websocket.secure-port", "--wss-port");
        service("mqtt.auth", "password-file", "acl-file", "allow-anonymous");
        service("mqtt.store", "in-memory", "data-dir", "fsync", "commit-interval", "recover");
        service("tracker", "bind", "port", "interval", "max-peers-per-torrent", "max-torrents", "max-connections",
                "allow-list");
    }

    private ConfigKeys() {
    }

    private static void service(String group, String... names) {
        for (String name : names) {
            OPTIONS.put(group + "." + name, "--" + name);
        }
    }

    /** Every key, in the order the example file lists them. */
    public static Set<String> all() {
        return Collections.unmodifiableSet(OPTIONS.keySet());
    }

    /** The option {@code key} sets, e.g. {@code --max-topic-levels}; null for a key without one. */
    public static String optionOf(String key) {
        return OPTIONS.get(key);
    }

    static boolean isKey(String key) {
        return OPTIONS.containsKey(key);
    }

    /** A map of keys, like {@code mqtt} or {@code mqtt.limits}. */
    static boolean isGroup(String key) {
        String prefix = key + ".";
        return OPTIONS.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** The names directly under {@code group} ("" for the top: the services). */
    static List<String> childrenOf(String group) {
        String prefix = group.isEmpty() ? "" : group + ".";
        Set<String> children = new LinkedHashSet<>();
        for (String k : OPTIONS.keySet()) {
            if (k.startsWith(prefix)) {
                String rest = k.substring(prefix.length());
                int dot = rest.indexOf('.');
                children.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        return new ArrayList<>(children);
    }
}
