package dev.switchboard.mqtt.topic;

/**
 * A deliberately naive matcher written straight from section 4.7, independent of the production code,
 * for the property tests to compare against: split both strings and walk them side by side.
 */
final class ReferenceTopicMatcher {

    private ReferenceTopicMatcher() {
    }

    /** Whether the filter text (shared or not) matches the topic name text. */
    static boolean matches(String filter, String topic) {
        if (filter.startsWith("$share/")) {
            String rest = filter.substring("$share/".length());
            filter = rest.substring(rest.indexOf('/') + 1);
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        if (topic.startsWith("$") && (f[0].equals("#") || f[0].equals("+"))) {
            return false; // MQTT-4.7.2-1
        }
        int i = 0;
        for (; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true; // matches the parent level too
            }
            if (i == t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return i == t.length;
    }

    /** The ShareName and inner filter of a shared filter text, as "name|filter", or null. */
    static String group(String filter) {
        if (!filter.startsWith("$share/")) {
            return null;
        }
        String rest = filter.substring("$share/".length());
        int slash = rest.indexOf('/');
        return rest.substring(0, slash) + "|" + rest.substring(slash + 1);
    }
}
