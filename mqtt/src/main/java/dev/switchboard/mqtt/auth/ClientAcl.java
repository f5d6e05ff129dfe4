package dev.switchboard.mqtt.auth;

import dev.switchboard.mqtt.topic.TopicFilter;
import dev.switchboard.mqtt.topic.TopicName;
import java.util.ArrayList;
import java.util.List;

/**
 * The ACL rules of one client with {@code %u} and {@code %c} replaced, ready to check topics.
 * Deny wins: a topic is readable (writable) when no deny rule matches it and some read (write)
 * rule does. A SUBSCRIBE filter is allowed when a read rule covers every topic it can match and no
 * deny rule does; each message is checked again on delivery, so a wildcard subscription never
 * carries a denied topic. Immutable and thread-safe.
 *
 * <p>Substitution never widens access: a value is put in literally, and a rule whose value would
 * hold {@code +}, {@code #} or {@code /} (or would not make a valid filter) is unsafe: an allow rule
 * then grants nothing and a deny rule denies everything. A rule that needs a user name does not
 * apply to an anonymous client at all.
 */
public final class ClientAcl {
    private record Compiled(Access access, TopicFilter filter) {
    }

    private final Acl source;
    private final List<Compiled> rules;
    private final boolean allowAll;
    private final boolean denyAll;

    private ClientAcl(Acl source, List<Compiled> rules, boolean allowAll, boolean denyAll) {
        this.source = source;
        this.rules = List.copyOf(rules);
        this.allowAll = allowAll;
        this.denyAll = denyAll;
    }

    static ClientAcl allowAll(Acl source) {
        return new ClientAcl(source, List.of(), true, false);
    }

    static ClientAcl compile(Acl source, List<AclRule> rules, String user, String clientId) {
        List<Compiled> compiled = new ArrayList<>();
        boolean denyAll = false;
        for (AclRule rule : rules) {
            if (!rule.pattern()) {
                compiled.add(new Compiled(rule.access(), TopicFilter.of(rule.filter())));
                continue;
            }
            if (rule.needsUser() && user == null) {
                continue;
            }
            String text = substitute(rule.filter(), user, clientId);
            var parsed = text == null ? null : TopicFilter.parse(text);
            if (parsed == null || !parsed.isValid() || parsed.orElseThrow().isShared()) {
                denyAll |= rule.access() == Access.DENY;
                continue;
            }
            compiled.add(new Compiled(rule.access(), parsed.orElseThrow()));
        }
        return new ClientAcl(source, compiled, false, denyAll);
    }

    /** The filter with %u and %c put in, or null when a value holds a wildcard or a level separator. */
    static String substitute(String filter, String user, String clientId) {
        StringBuilder out = new StringBuilder(filter.length() + 16);
        for (int i = 0; i < filter.length(); i++) {
            char c = filter.charAt(i);
            if (c == '%' && i + 1 < filter.length() && (filter.charAt(i + 1) == 'u' || filter.charAt(i + 1) == 'c')) {
                String value = filter.charAt(i + 1) == 'u' ? user : clientId;
                if (value == null || value.indexOf('+') >= 0 || value.indexOf('#') >= 0 || value.indexOf('/') >= 0) {
                    return null;
                }
                out.append(value);
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The file these rules came from, so a reload can tell a stale compilation. */
    Acl source() {
        return source;
    }

    public boolean canRead(TopicName topic) {
        return allowAll || allowed(topic, true);
    }

    public boolean canWrite(TopicName topic) {
        return allowAll || allowed(topic, false);
    }

    private boolean allowed(TopicName topic, boolean read) {
        if (denyAll) {
            return false;
        }
        boolean granted = false;
        for (Compiled rule : rules) {
            if (!rule.filter().matches(topic)) {
                continue;
            }
            if (rule.access() == Access.DENY) {
                return false;
            }
            granted |= read ? rule.access().grantsRead() : rule.access().grantsWrite();
        }
        return granted;
    }

    /** Whether a SUBSCRIBE on {@code filter} (its inner filter, for a shared subscription) is allowed. */
    public boolean canSubscribe(TopicFilter filter) {
        if (allowAll) {
            return true;
        }
        if (denyAll) {
            return false;
        }
        List<String> wanted = filter.levels();
        boolean granted = false;
        for (Compiled rule : rules) {
            if (!covers(rule.filter().levels(), wanted)) {
                continue;
            }
            if (rule.access() == Access.DENY) {
                return false;
            }
            granted |= rule.access().grantsRead();
        }
        return granted;
    }

    /** Whether every topic that {@code inner} matches is matched by {@code outer}. */
    static boolean covers(List<String> outer, List<String> inner) {
        if (inner.get(0).startsWith("$") && isWildcard(outer.get(0))) {
            return false; // a wildcard first level never matches a $ topic (MQTT-4.7.2-1)
        }
        for (int i = 0; i < outer.size(); i++) {
            String o = outer.get(i);
            if (o.equals("#")) {
                return true;
            }
            if (i >= inner.size()) {
                return false;
            }
            String n = inner.get(i);
            if (n.equals("#") || (n.equals("+") && !o.equals("+")) || (!o.equals("+") && !o.equals(n))) {
                return false;
            }
        }
        return outer.size() == inner.size();
    }

    private static boolean isWildcard(String level) {
        return level.equals("+") || level.equals("#");
    }

    @Override
    public String toString() {
        return allowAll ? "ClientAcl[allow all]" : "ClientAcl[" + rules.size() + " rules" + (denyAll ? ", deny all" : "") + "]";
    }
}
