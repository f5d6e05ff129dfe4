package dev.switchboard.mqtt.auth;

import dev.switchboard.mqtt.topic.TopicFilter;
import dev.switchboard.mqtt.topic.TopicParseResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an ACL file in Mosquitto's format (see docs/mqtt/auth.md):
 * <pre>
 * # comment
 * topic read $SYS/#                 (before any user line: anonymous clients)
 * user alice
 * topic readwrite alice/#           (alice only)
 * topic deny alice/secret
 * pattern readwrite devices/%c/#    (every client, %u user name, %c client id)
 * </pre>
 * The access word is optional ({@code readwrite} when left out) and the filter is the rest of the
 * line. A problem is reported as {@code FILE:LINE: reason}.
 */
public final class AclParser {
    private static final int MAX_LINE = 65_536;

    private AclParser() {
    }

    public static Acl load(Path file) {
        try {
            return parse(file, Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new AuthFileException(file, 0, "no such file");
        } catch (IOException e) {
            throw new AuthFileException(file, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Parses lines; {@code file} only names them in messages. */
    public static Acl parse(Path file, List<String> lines) {
        List<AclRule> anonymous = new ArrayList<>();
        Map<String, List<AclRule>> users = new LinkedHashMap<>();
        List<AclRule> patterns = new ArrayList<>();
        List<AclRule> section = anonymous;
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() > MAX_LINE) {
                throw new AuthFileException(file, n, "line longer than " + MAX_LINE + " characters");
            }
            String[] words = line.split("\\s+", 2);
            String rest = words.length > 1 ? words[1] : "";
            switch (words[0]) {
                case "user" -> {
                    if (rest.isEmpty()) {
                        throw new AuthFileException(file, n, "'user' needs a user name");
                    }
                    section = users.computeIfAbsent(rest, u -> new ArrayList<>());
                }
                case "topic" -> section.add(rule(file, n, rest, false));
                case "pattern" -> patterns.add(rule(file, n, rest, true));
                default -> throw new AuthFileException(file, n,
                        "unknown keyword '" + words[0] + "' (expected user, topic or pattern)");
            }
        }
        return new Acl(anonymous, users, patterns);
    }

    private static AclRule rule(Path file, int n, String rest, boolean pattern) {
        String keyword = pattern ? "pattern" : "topic";
        if (rest.isEmpty()) {
            throw new AuthFileException(file, n, "'" + keyword + "' needs a topic filter");
        }
        String[] words = rest.split("\\s+", 2);
        Optional<Access> access = Access.ofKeyword(words[0]);
        String filter = rest;
        if (access.isPresent()) {
            if (words.length < 2) {
                throw new AuthFileException(file, n, "'" + keyword + " " + words[0] + "' needs a topic filter");
            }
            filter = words[1];
        }
        // %u and %c stand for one ordinary level (or part of one) when checked here
        String checked = pattern ? filter.replace("%u", "u").replace("%c", "c") : filter;
        var parsed = TopicFilter.parse(checked);
        if (parsed instanceof TopicParseResult.Invalid<TopicFilter> invalid) {
            throw new AuthFileException(file, n, "'" + filter + "' is not a valid topic filter: "
                    + invalid.problem().description());
        }
        if (parsed.orElseThrow().isShared()) {
            throw new AuthFileException(file, n, "'" + filter + "': write the filter without $share/GROUP/");
        }
        return new AclRule(access.orElse(Access.READWRITE), filter, pattern, n);
    }
}
