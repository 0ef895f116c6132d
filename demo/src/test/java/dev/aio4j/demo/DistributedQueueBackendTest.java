package dev.aio4j.demo;

import static dev.aio4j.demo.ExampleOutputTest.cli;
import static dev.aio4j.demo.ExampleOutputTest.deterministic;
import static dev.aio4j.demo.ExampleOutputTest.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.aio4j.demo.examples.DistributedProducerConsumer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code distributed-producer-consumer} on the in-process queue even where Redis answers
 * ({@code -Daio4j.demo.queue=memory}): ExampleOutputTest covers whichever backend the machine has,
 * this test the other path, against the same {@code .out} file.
 */
class DistributedQueueBackendTest {
    private static final String NAME = "distributed-producer-consumer";

    @AfterEach
    void clearProperty() {
        System.clearProperty(DistributedProducerConsumer.QUEUE_PROPERTY);
    }

    @Test
    void theForcedInProcessQueuePrintsTheExpectedOutput() {
        System.setProperty(DistributedProducerConsumer.QUEUE_PROPERTY, DistributedProducerConsumer.MEMORY);
        assertNull(DistributedProducerConsumer.redisUrl(), "the property must win over AIO4J_REDIS_URL and a local Redis");
        Object[] result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> cli("run", NAME, "--speed", String.valueOf(ExampleOutputTest.SPEED)));
        assertEquals(0, result[0], () -> NAME + " failed:\n" + result[2]);
        assertEquals("", result[2], "stderr");
        assertEquals(expected(NAME), deterministic((String) result[1]));
    }

    @Test
    void anUnknownBackendIsAClearError() {
        System.setProperty(DistributedProducerConsumer.QUEUE_PROPERTY, "kafka");
        Object[] result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> cli("run", NAME));
        assertNotEquals(0, result[0]);
        assertTrue(((String) result[2]).contains("-Daio4j.demo.queue must be 'memory' (or unset), got 'kafka'"),
                () -> "stderr was: " + result[2]);
    }
}
