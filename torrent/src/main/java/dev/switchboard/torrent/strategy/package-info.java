/**
 * Pure BitTorrent strategies, fed with bitfields, availability and rates; no Netty, no I/O, no clock
 * but an injected one, no randomness but a seeded {@link java.util.Random}.
 *
 * <p>{@link dev.switchboard.torrent.strategy.PiecePicker} says which blocks to request from which peer
 * (random first, rarest first, started pieces first, end game); {@link
 * dev.switchboard.torrent.strategy.Choker} says which peers to unchoke (tit-for-tat plus an optimistic
 * unchoke). Both take the caller's own peer handle as a type parameter and are driven from the one
 * thread that owns the torrent.
 */
package dev.switchboard.torrent.strategy;
