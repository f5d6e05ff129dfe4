package dev.switchboard.mqtt.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rules of one ACL file, by whom they apply to: {@code anonymous} (topic lines before the first
 * {@code user} line), each user's section, and {@code pattern} lines, which apply to every client.
 * Immutable; {@link #forClient} picks and substitutes the rules of one client. {@link #ALLOW_ALL}
 * stands for "no ACL file".
 */
public final class Acl {
    public static final Acl ALLOW_ALL = new Acl(List.of(), Map.of(), List.of(), true);

    private final List<AclRule> anonymous;
    private final Map<String, List<AclRule>> users;
    private final List<AclRule> patterns;
    private final boolean allowAll;
    /** With no ACL every client shares one set of rules. */
    private final ClientAcl sharedAllowAll;

    private Acl(List<AclRule> anonymous, Map<String, List<AclRule>> users, List<AclRule> patterns, boolean allowAll) {
        this.anonymous = List.copyOf(anonymous);
        this.users = Map.copyOf(users);
        this.patterns = List.copyOf(patterns);
        this.allowAll = allowAll;
        this.sharedAllowAll = allowAll ? ClientAcl.allowAll(this) : null;
    }

    public Acl(List<AclRule> anonymous, Map<String, List<AclRule>> users, List<AclRule> patterns) {
        this(anonymous, users, patterns, false);
    }

    public boolean allowsAll() {
        return allowAll;
    }

    /** The rules for a client: its user section (or the anonymous rules when {@code user} is null) and the patterns. */
    public ClientAcl forClient(String user, String clientId) {
        if (allowAll) {
            return sharedAllowAll;
        }
        List<AclRule> rules = new ArrayList<>(user == null ? anonymous : users.getOrDefault(user, List.of()));
        rules.addAll(patterns);
        return ClientAcl.compile(this, rules, user, clientId);
    }

    int ruleCount() {
        return anonymous.size() + patterns.size() + users.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public String toString() {
        return allowAll ? "Acl[allow all]" : "Acl[" + ruleCount() + " rules, " + users.size() + " users]";
    }
}
