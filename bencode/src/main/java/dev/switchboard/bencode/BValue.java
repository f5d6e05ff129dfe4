package dev.switchboard.bencode;

/**
 * A bencoded value: exactly one of {@link BString}, {@link BInteger}, {@link BList} or {@link
 * BDictionary}. All implementations are immutable and compare by content.
 */
public sealed interface BValue permits BString, BInteger, BList, BDictionary {

    /** Returns which of the four bencode types this value is. */
    BType type();
}
