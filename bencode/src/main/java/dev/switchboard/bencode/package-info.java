/**
 * Strict BitTorrent bencoding (BEP 3) without any third-party dependency.
 *
 * <p>{@link dev.switchboard.bencode.BValue} is a sealed model of the four bencode types. {@link
 * dev.switchboard.bencode.BencodeDecoder} accepts only canonical input under configurable {@link
 * dev.switchboard.bencode.BencodeLimits} and remembers, for every decoded dictionary, the exact bytes it
 * was decoded from (see {@link dev.switchboard.bencode.BDictionary#rawBytes()}), which is what a torrent's
 * info hash is computed over. {@link dev.switchboard.bencode.BencodeEncoder} writes canonical bencoding.
 * Every failure is a {@link dev.switchboard.bencode.BencodeException}.
 */
package dev.switchboard.bencode;
