package dev.switchboard.torrent.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Hashing off the caller's thread on a bounded pool. */
class PieceVerifierTest {
    private static final byte[] DATA = "the quick brown fox".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchAndMismatch() throws Exception {
        try (PieceVerifier verifier = new PieceVerifier(1, 4)) {
            byte[] hash = TestTorrents.sha1(DATA);
            assertThat(verify(verifier, hash, DATA)).isTrue();
            byte[] other = DATA.clone();
            other[0] = 'T';
            assertThat(verify(verifier, hash, other)).isFalse();
        }
    }

    @Test
    void missingDataFailsTheCheck() throws Exception {
        try (PieceVerifier verifier = new PieceVerifier(1, 4)) {
            assertThat(verifier.verify(TestTorrents.sha1(new byte[0]), (digest, buffer) -> false)
                    .toCompletableFuture().get(10, TimeUnit.SECONDS)).isFalse();
        }
    }

    @Test
    void hashesOnAVerifierThread() throws Exception {
        try (PieceVerifier verifier = new PieceVerifier(1, 4)) {
            String[] thread = new String[1];
            verifier.verify(new byte[20], (digest, buffer) -> {
                thread[0] = Thread.currentThread().getName();
                return true;
            }).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(thread[0]).startsWith("torrent-verifier").isNotEqualTo(Thread.currentThread().getName());
        }
    }

    @Test
    void fullQueueFailsAtOnceAsBusyAndCloseFailsTheQueued() throws Exception {
        PieceVerifier verifier = new PieceVerifier(1, 1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> first = verifier.verify(new byte[20], (digest, buffer) -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }).toCompletableFuture();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> queued = verifier.verify(new byte[20], (digest, buffer) -> true).toCompletableFuture();
        CompletableFuture<Boolean> refused = verifier.verify(new byte[20], (digest, buffer) -> true).toCompletableFuture();

        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(StorageException.class,
                        e -> assertThat(e.reason()).isEqualTo(StorageException.Reason.BUSY))
                .hasMessage("piece verifier queue full (1 pieces waiting)");

        verifier.close();
        release.countDown();
        await().atMost(10, TimeUnit.SECONDS).until(first::isDone);
        assertThatThrownBy(queued::get).cause().hasMessage("the piece verifier is closed");
    }

    @Test
    void failingSourceCompletesExceptionally() {
        try (PieceVerifier verifier = new PieceVerifier(1, 4)) {
            CompletableFuture<Boolean> result = verifier.verify(new byte[20], (digest, buffer) -> {
                throw new StorageException(StorageException.Reason.IO_ERROR, "I/O error reading x: boom");
            }).toCompletableFuture();
            assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).cause().hasMessage("I/O error reading x: boom");
        }
    }

    private static boolean verify(PieceVerifier verifier, byte[] hash, byte[] data) throws Exception {
        return verifier.verify(hash, (digest, buffer) -> {
            digest.update(data);
            return true;
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
