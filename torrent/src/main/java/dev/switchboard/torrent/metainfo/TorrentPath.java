package dev.switchboard.torrent.metainfo;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A file's path inside a torrent, relative to the directory it is downloaded into, checked so that it
 * can never point outside that directory nor be refused by the file system half-way through a download.
 * For a multi-file torrent the first component is the torrent's name; for a single-file torrent the
 * name is the only component.
 *
 * <p>Every component must be
 *
 * <ul>
 *   <li>non-empty, and neither {@code .} nor {@code ..};
 *   <li>free of {@code /} and {@code \} (a separator on some systems), NUL and other control
 *       characters (0x00-0x1f, 0x7f), which also keeps terminal escapes out of listings;
 *   <li>valid UTF-8 of at most {@value #MAX_COMPONENT_BYTES} bytes, the limit of ext4, XFS, btrfs,
 *       APFS and NTFS.
 * </ul>
 *
 * <p>Violations are a {@link MetainfoException} naming the whole path (control characters shown as
 * {@code \xNN}) and the rule. Paths order component by component, each in unsigned UTF-8 byte order,
 * so a directory's files stay together. Immutable.
 */
public final class TorrentPath implements Comparable<TorrentPath> {
    /** Most bytes in one path component. */
    public static final int MAX_COMPONENT_BYTES = 255;

    private final List<String> components;
    private final List<byte[]> utf8;

    private TorrentPath(List<String> components, List<byte[]> utf8) {
        this.components = components;
        this.utf8 = utf8;
    }

    /** Returns the checked path made of {@code components}. */
    public static TorrentPath of(List<String> components) {
        Objects.requireNonNull(components, "components");
        List<byte[]> bytes = new ArrayList<>(components.size());
        for (String component : components) {
            bytes.add(Objects.requireNonNull(component, "component").getBytes(StandardCharsets.UTF_8));
        }
        return check(List.copyOf(components), bytes);
    }

    /** Returns the checked path made of {@code components}. */
    public static TorrentPath of(String... components) {
        return of(Arrays.asList(components));
    }

    /** Returns the checked path whose components are the given raw bytes, which must be UTF-8. */
    static TorrentPath ofUtf8(List<byte[]> rawComponents) {
        List<String> text = new ArrayList<>(rawComponents.size());
        for (byte[] raw : rawComponents) {
            text.add(new String(raw, StandardCharsets.UTF_8));
        }
        for (byte[] raw : rawComponents) {
            if (!isUtf8(raw)) {
                throw unsafe(text, "a component is not valid UTF-8");
            }
        }
        return check(List.copyOf(text), List.copyOf(rawComponents));
    }

    private static TorrentPath check(List<String> text, List<byte[]> bytes) {
        if (text.isEmpty()) {
            throw new MetainfoException("unsafe path '': a path needs at least one component");
        }
        for (int i = 0; i < text.size(); i++) {
            String reason = problem(text.get(i), bytes.get(i), i);
            if (reason != null) {
                throw unsafe(text, reason);
            }
        }
        return new TorrentPath(text, bytes);
    }

    private static String problem(String component, byte[] bytes, int index) {
        if (component.isEmpty()) {
            return index == 0 ? "empty first component (an absolute path?)" : "empty component";
        }
        if (component.equals(".")) {
            return "component '.' is not allowed";
        }
        if (component.equals("..")) {
            return "component '..' would escape the output directory";
        }
        if (component.startsWith("/") || component.startsWith("\\")) {
            return "absolute path";
        }
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (c == '/' || c == '\\') {
                return "component '" + display(component) + "' contains '" + c + "'";
            }
            if (c == 0) {
                return "component '" + display(component) + "' contains NUL";
            }
            if (c < 0x20 || c == 0x7f) {
                return "component '" + display(component) + "' contains control character "
                        + String.format("0x%02x", (int) c);
            }
        }
        if (bytes.length > MAX_COMPONENT_BYTES) {
            return "component of " + bytes.length + " bytes; file systems allow at most " + MAX_COMPONENT_BYTES;
        }
        return null;
    }

    private static MetainfoException unsafe(List<String> text, String reason) {
        return new MetainfoException("unsafe path '" + display(String.join("/", text)) + "': " + reason);
    }

    private static boolean isUtf8(byte[] raw) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Returns {@code text} with control characters shown as {@code \xNN}, fit for one line of output. */
    static String display(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Returns the components, unmodifiable. */
    public List<String> components() {
        return components;
    }

    /** Returns the last component, the file's name. */
    public String fileName() {
        return components.get(components.size() - 1);
    }

    /** Returns this path with {@code more} appended, checked. */
    public TorrentPath resolve(String more) {
        List<String> longer = new ArrayList<>(components);
        longer.add(more);
        return of(longer);
    }

    /**
     * Returns where this path lives below {@code directory}. The result always lies inside {@code
     * directory}; the check is repeated here so that no caller can be surprised.
     */
    public Path resolveIn(Path directory) {
        Path base = directory.normalize();
        Path resolved = base;
        for (String component : components) {
            resolved = resolved.resolve(component);
        }
        resolved = resolved.normalize();
        if (!resolved.startsWith(base) || resolved.equals(base)) {
            throw new MetainfoException("unsafe path '" + this + "': resolves outside " + directory);
        }
        return resolved;
    }

    /** Compares component by component, each in unsigned UTF-8 byte order; a prefix sorts first. */
    @Override
    public int compareTo(TorrentPath other) {
        int shared = Math.min(utf8.size(), other.utf8.size());
        for (int i = 0; i < shared; i++) {
            int order = Arrays.compareUnsigned(utf8.get(i), other.utf8.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(utf8.size(), other.utf8.size());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TorrentPath that && components.equals(that.components);
    }

    @Override
    public int hashCode() {
        return components.hashCode();
    }

    /** Returns the components joined with {@code /}, control characters shown as {@code \xNN}. */
    @Override
    public String toString() {
        return display(String.join("/", components));
    }
}
