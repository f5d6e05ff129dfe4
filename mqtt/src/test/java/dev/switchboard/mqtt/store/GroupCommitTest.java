package dev.switchboard.mqtt.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Group commit: every waiter completes after a commit that covers its write, and commits are shared. */
class GroupCommitTest {
    private static final int WRITERS = 8;
    private static final int WRITES_EACH = 200;

    @TempDir
    Path dir;

    @Test
    void eachWaiterCompletesAfterACommitThatIncludesItsWrite() throws Exception {
        Set<Integer> written = ConcurrentHashMap.newKeySet();
        Set<Integer> committed = ConcurrentHashMap.newKeySet();
        AtomicLong changes = new AtomicLong();
        GroupCommit commits = new GroupCommit(() -> {
            committed.addAll(Set.copyOf(written)); // what this commit covers
            LockSupport.parkNanos(1_000_000); // a sync takes time: meanwhile new writers gather
        }, changes::get, "test-commit");
        List<CompletableFuture<Void>> checks = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<List<CompletableFuture<Void>>>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    List<CompletableFuture<Void>> mine = new ArrayList<>();
                    for (int i = 0; i < WRITES_EACH; i++) {
                        int id = writer * WRITES_EACH + i;
                        written.add(id);
                        changes.incrementAndGet(); // counted after the write, as the stores do
                        mine.add(commits.durable().toCompletableFuture().thenRun(() -> {
                            if (!committed.contains(id)) {
                                throw new AssertionError("write " + id + " acknowledged before a commit covered it");
                            }
                        }));
                    }
                    return mine;
                }, pool));
            }
            start.countDown();
            for (CompletableFuture<List<CompletableFuture<Void>>> w : writers) {
                checks.addAll(w.get(30, TimeUnit.SECONDS));
            }
            CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            commits.close();
        }
        assertThat(checks).hasSize(WRITERS * WRITES_EACH).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(commits.committedWaiters()).isEqualTo(WRITERS * WRITES_EACH);
        assertThat(commits.commits()).as("commits shared between writers").isLessThan(WRITERS * WRITES_EACH / 2);
    }

    @Test
    void acknowledgedWritesAreInTheFileOnDisk() throws Exception {
        StoreConfig config = StoreConfig.builder().dataDir(dir.resolve("live")).durability(Durability.ALWAYS).build();
        try (BrokerStores stores = BrokerStores.open(config, Clock.systemUTC())) {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                stores.queues().append("c" + (i % 5), Messages.plain("t", "m" + i, 1), Long.MAX_VALUE);
                acks.add(stores.commits().durable().toCompletableFuture());
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            // the broker "crashes" now: a copy of the file as it is on disk must hold every acknowledged write
            Path copy = Files.createDirectories(dir.resolve("copy")).resolve(StoreLayout.FILE_NAME);
            Files.copy(config.file(), copy);
            try (BrokerStores recovered = BrokerStores.open(StoreFiles.config(copy.getParent(), false),
                    Clock.systemUTC())) {
                assertThat(recovered.queues().totalCount()).isEqualTo(50);
                assertThat(recovered.queues().peek("c4", 100)).hasSize(10);
            }
        }
    }

    @Test
    void aWaiterWithNoUnsyncedChangeBehindItDoesNotWaitForACommit() throws Exception {
        AtomicLong changes = new AtomicLong(7);
        GroupCommit commits = new GroupCommit(() -> LockSupport.parkNanos(1_000_000), changes::get, "test-commit");
        try {
            assertThat(commits.durable()).as("nothing changed since the start").isCompleted();
            assertThat(commits.commits()).isZero();
            changes.incrementAndGet();
            commits.durable().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(commits.commits()).as("a change waits for its commit").isEqualTo(1);
            assertThat(commits.durable()).as("synced by that commit").isCompleted();
            assertThat(commits.commits()).isEqualTo(1);
        } finally {
            commits.close();
        }
    }

    @Test
    void everyStoreWriteIsCountedAsAChange() {
        StoreConfig config = StoreConfig.builder().dataDir(dir.resolve("count")).durability(Durability.ALWAYS).build();
        try (BrokerStores stores = BrokerStores.open(config, Clock.systemUTC())) {
            StoreFile file = stores.file().orElseThrow();
            List<Runnable> writes = List.of(
                    () -> stores.sessions().put(new StoredSession("c", 60, java.util.OptionalLong.empty(),
                            java.util.Optional.empty())),
                    () -> stores.sessions().putSubscription("c", new StoredSubscription("a/#",
                            dev.switchboard.mqtt.topic.SubscriptionOptions.atQos(1))),
                    () -> stores.sessions().removeSubscription("c", "a/#"),
                    () -> stores.queues().append("c", Messages.plain("t", "m", 1), Long.MAX_VALUE),
                    () -> stores.queues().append("c", Messages.plain("t", "n", 1), Long.MAX_VALUE),
                    () -> stores.queues().removeHead("c"),
                    () -> stores.queues().remove("c", 1),
                    () -> stores.queues().append("c", Messages.plain("t", "o", 1), Long.MAX_VALUE),
                    () -> stores.queues().dropAll("c"),
                    () -> stores.inflight().putOutgoing("c", 1, Messages.plain("t", "p", 2)),
                    () -> stores.inflight().markReleased("c", 1),
                    () -> stores.inflight().removeOutgoing("c", 1),
                    () -> stores.inflight().addAwaitingRelease("c", 2),
                    () -> stores.inflight().removeAwaitingRelease("c", 2),
                    () -> stores.inflight().dropAll("c"),
                    () -> stores.retained().put(new RetainedMessage(Messages.plain("r", "v", 1), 1)),
                    () -> stores.retained().remove("r"),
                    () -> stores.sessions().remove("c"));
            for (int i = 0; i < writes.size(); i++) {
                long before = file.changes();
                writes.get(i).run();
                assertThat(file.changes()).as("write " + i + " counted").isGreaterThan(before);
            }
        }
    }

    @Test
    void aClosedStoreFailsNewWaitersAndFinishesOldOnes() {
        AtomicLong changes = new AtomicLong();
        GroupCommit commits = new GroupCommit(() -> { }, changes::get, "test-commit");
        changes.incrementAndGet();
        CompletableFuture<Void> before = commits.durable().toCompletableFuture();
        commits.close();
        await().atMost(Duration.ofSeconds(5)).until(before::isDone);
        assertThat(before).isCompleted();
        assertThat(commits.durable().toCompletableFuture()).isCompletedExceptionally();
    }

    @Test
    void aFailedCommitFailsItsWaiters() {
        AtomicLong changes = new AtomicLong();
        GroupCommit commits = new GroupCommit(() -> {
            throw new IllegalStateException("disk full");
        }, changes::get, "test-commit");
        changes.incrementAndGet();
        try {
            CompletableFuture<Void> waiter = commits.durable().toCompletableFuture();
            await().atMost(Duration.ofSeconds(5)).until(waiter::isDone);
            assertThat(waiter).isCompletedExceptionally();
        } finally {
            commits.close();
        }
    }

    @Test
    void periodicCommitsWithoutAnyoneWaiting() {
        StoreConfig config = StoreConfig.builder().dataDir(dir.resolve("p")).durability(Durability.PERIODIC)
                .commitInterval(Duration.ofMillis(20)).build();
        try (BrokerStores stores = BrokerStores.open(config, Clock.systemUTC())) {
            assertThat(stores.commits().durable()).isCompleted();
            stores.retained().put(new RetainedMessage(Messages.plain("r", "v", 1), 1));
            StoreFile file = stores.file().orElseThrow();
            await().atMost(Duration.ofSeconds(10)).until(() -> !file.hasUnsavedChanges());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
