package dev.aio4j.demo.bench;

import kotlin.Unit;
import kotlin.coroutines.Continuation;
import kotlin.coroutines.intrinsics.IntrinsicsKt;
import kotlin.coroutines.jvm.internal.ContinuationImpl;

/**
 * A suspend function written by hand in Java the way kotlinc compiles one: a {@link ContinuationImpl}
 * whose {@link #invokeSuspend} is a state machine, so a suspension inside it is resumed through the
 * coroutine's dispatcher ({@code intercepted()}) exactly as compiled Kotlin is. The raw kotlinx
 * comparators of the queue and semaphore benchmarks use it: a Java lambda cannot loop over suspending
 * calls, and a plain {@code Continuation} would be resumed inline (and make {@code yield()} a no-op).
 *
 * <p>{@code ContinuationImpl} is Kotlin-internal API of the standard library, public in bytecode; it is
 * what every compiled suspend lambda extends.
 */
abstract class SuspendMachine extends ContinuationImpl {
    static final Object SUSPENDED = IntrinsicsKt.getCOROUTINE_SUSPENDED();

    /** Which suspension point the machine is resumed at (0 = not started). */
    protected int label;

    @SuppressWarnings("unchecked")
    SuspendMachine(Continuation<?> completion) {
        super((Continuation<Object>) completion);
    }

    /**
     * Runs the machine from the start: its result, or {@link #SUSPENDED}, after which it resumes
     * {@code completion} with its result (what a compiled suspend function returns to its caller).
     */
    final Object start() {
        return invokeSuspend(Unit.INSTANCE);
    }
}
