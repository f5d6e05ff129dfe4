package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check itself: a buffer dropped without release must be reported, so tests can fail on it. */
class LeakRecorderTest {
    @Test
    void aBufferNeverReleasedIsReported() {
        assertThat(LeakRecorder.isInstalled()).as("installed by the launcher session listener").isTrue();
        LeakRecorder.collectLeaks(); // start clean
        leakOne();
        assertThat(LeakRecorder.collectLeaks()).anySatisfy(leak -> assertThat(leak).contains("LEAK"));
    }

    @Test
    void evenOneSmallHeapBufferIsReported() {
        LeakRecorder.collectLeaks();
        leakSmallHeap();
        assertThat(LeakRecorder.collectLeaks()).anySatisfy(leak -> assertThat(leak).contains("LEAK"));
    }

    private static void leakSmallHeap() {
        PooledByteBufAllocator.DEFAULT.heapBuffer(8).writeByte(1);
    }

    @Test
    void releasedBuffersAreNotReported() {
        LeakRecorder.collectLeaks();
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.buffer(16).writeInt(1);
        buf.release();
        assertThat(LeakRecorder.collectLeaks()).isEmpty();
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
        // dropped here without release()
    }
}
